import type { Person, PersonFields } from '../../../shared/contract/persons.js';
import type { Relation } from '../../../shared/persons/relations.js';
import { AppError } from '../../../shared/errors.js';
import { birthYearOf } from '../../../shared/persons/age.js';
import { foldVietnamese } from '../../../shared/text/fold.js';
import type { HandlerContext } from '../dispatch/types.js';
import { personEvents, persons } from './schema.js';
import { toPerson } from './repo.js';

/** Columns derived from the fields: the folded name (search) and birth year (duplicates, indicators). */
export function personColumns(p: PersonFields) {
  return {
    ...p,
    religion: p.religion ?? null,
    occupation: p.occupation ?? null,
    nameFolded: foldVietnamese(p.fullName),
    birthYear: birthYearOf(p.birthDate)!,
  };
}

export function recordEvent(
  ctx: HandlerContext,
  personId: string,
  kind: string,
  date: string,
  householdId: string | null,
  details: Record<string, unknown> = {},
): void {
  ctx.write.insert(personEvents, {
    personId,
    householdId,
    kind,
    date,
    details: JSON.stringify(details),
    recordedBy: ctx.session?.user.id ?? null,
    recordedAt: ctx.now.toISOString(),
  });
}

export function insertPerson(
  ctx: HandlerContext,
  fields: PersonFields,
  householdId: string,
  relationToHead: Relation,
  movedInFrom?: string,
): Person {
  const row = ctx.write.insert(persons, {
    ...personColumns(fields),
    householdId,
    relationToHead,
    status: 'active',
    movedInFrom: movedInFrom ?? null,
    createdAt: ctx.now.toISOString(),
  });
  const today = ctx.today;
  recordEvent(ctx, row.id, movedInFrom ? 'moved_in' : 'registered', today, householdId, movedInFrom ? { from: movedInFrom } : {});
  return toPerson(row);
}

export function loadPerson(ctx: HandlerContext, id: string): typeof persons.$inferSelect {
  const row = ctx.write.get(persons, id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND');
  return row;
}

export function requireActive(row: typeof persons.$inferSelect): void {
  if (row.status !== 'active') throw new AppError('PERSON_NOT_ACTIVE');
}
