import { personFieldsSchema } from '../../../shared/contract/persons.js';
import { AppError } from '../../../shared/errors.js';
import type { HandlerMap } from '../dispatch/types.js';
import { households } from './schema.js';
import { persons } from './schema.js';
import { mergePersons } from './merge.js';
import { eventsOf, resolvePersonId, safeJson, summaryOf, toPerson } from './repo.js';
import { searchPersons } from './search.js';
import { insertPerson, loadPerson, personColumns, recordEvent, requireActive } from './service.js';
import { checkIdentity, checkPersonFields, duplicateCandidates } from './validation.js';
import { afterMemberLeft, loadHousehold } from '../households/service.js';

const FIELD_KEYS = Object.keys(personFieldsSchema.shape) as (keyof typeof personFieldsSchema.shape)[];

export const personsHandlers = {
  'persons.search': (input, ctx) => ({ hits: searchPersons(ctx.station.sqlite, input.q, input.limit, input.includeInactive) }),

  'persons.get': (input, ctx) => {
    const id = resolvePersonId(ctx.station.sqlite, input.id);
    if (!id) throw new AppError('NOT_FOUND');
    const row = loadPerson(ctx, id);
    ctx.audit({ kind: 'view', action: 'persons.get', entity: 'persons', entityId: id, personId: id });
    return {
      person: toPerson(row),
      summary: summaryOf(ctx.station.sqlite, id)!,
      events: eventsOf(ctx.station.sqlite, id),
      resolvedFrom: id === input.id ? null : input.id,
    };
  },

  'persons.checkDuplicates': (input, ctx) => {
    const owner = input.cccd
      ? (ctx.station.sqlite.prepare("SELECT id FROM persons WHERE cccd = ? AND status != 'merged' AND id != ?").get(input.cccd, input.excludeId ?? '') as { id: string } | undefined)
      : undefined;
    return {
      cccdOwner: owner ? summaryOf(ctx.station.sqlite, owner.id) : null,
      candidates: duplicateCandidates(ctx, input),
    };
  },

  'persons.register': (input, ctx) => {
    const household = loadHousehold(ctx, input.householdId);
    checkPersonFields(ctx, input.person);
    checkIdentity(ctx, input.person, input, { hamletId: household.hamletId });
    if (input.relationToHead === 'head' && household.headPersonId) {
      throw new AppError('HOUSEHOLD_HEAD_INVALID', {}, { fields: [{ path: 'relationToHead', message: '' }] });
    }
    const person = insertPerson(ctx, input.person, household.id, input.relationToHead, input.movedInFrom);
    if (input.relationToHead === 'head') ctx.write.update(households, household.id, { headPersonId: person.id, dissolved: false });
    ctx.audit({ kind: 'change', action: 'persons.register', entity: 'persons', entityId: person.id, personId: person.id });
    return { person };
  },

  'persons.update': (input, ctx) => {
    const current = loadPerson(ctx, input.id);
    const hamletId = current.householdId ? loadHousehold(ctx, current.householdId).hamletId : undefined;
    checkPersonFields(ctx, input.person);
    checkIdentity(ctx, input.person, input, { excludeId: input.id, hamletId });
    // Every field is written, so a field the user emptied is cleared (undefined would leave it as it was).
    const values: Record<string, unknown> = personColumns(input.person);
    for (const key of FIELD_KEYS) values[key] = input.person[key] ?? null;
    if (input.relationToHead && input.relationToHead !== current.relationToHead) {
      // The head changes only through households.update (the household must always have one head).
      if (input.relationToHead === 'head' || current.relationToHead === 'head') throw new AppError('HOUSEHOLD_HEAD_INVALID', {}, { fields: [{ path: 'relationToHead', message: '' }] });
      values.relationToHead = input.relationToHead;
    }
    const row = ctx.write.update(persons, input.id, values);
    ctx.audit({ kind: 'change', action: 'persons.update', entity: 'persons', entityId: input.id, personId: input.id });
    return { person: toPerson(row) };
  },

  'persons.recordLifeEvent': (input, ctx) => {
    const current = loadPerson(ctx, input.personId);
    if (input.date > ctx.today) throw new AppError('VALIDATION_FAILED', {}, { fields: [{ path: 'date', message: 'v.futureDate' }] });
    let row;
    if (input.kind === 'died') {
      requireActive(current);
      row = ctx.write.update(persons, current.id, { status: 'died', diedOn: input.date });
    } else if (input.kind === 'moved_away') {
      requireActive(current);
      row = ctx.write.update(persons, current.id, { status: 'moved_away', movedAwayOn: input.date, movedTo: input.place ?? null });
    } else {
      if (current.status !== 'moved_away') throw new AppError('PERSON_NOT_ACTIVE');
      row = ctx.write.update(persons, current.id, { status: 'active', movedInFrom: input.place ?? current.movedTo, movedAwayOn: null });
    }
    recordEvent(ctx, current.id, input.kind, input.date, current.householdId, { place: input.place, note: input.note });
    if (input.kind !== 'returned' && current.householdId) afterMemberLeft(ctx, current.householdId, current.id);
    ctx.audit({ kind: 'change', action: `persons.${input.kind}`, entity: 'persons', entityId: current.id, personId: current.id });
    return { person: toPerson(row) };
  },

  'persons.move': (input, ctx) => {
    const current = loadPerson(ctx, input.personId);
    requireActive(current);
    const target = loadHousehold(ctx, input.toHouseholdId);
    if (target.id === current.householdId) return { person: toPerson(current) };
    if (input.relationToHead === 'head' && target.headPersonId) throw new AppError('HOUSEHOLD_HEAD_INVALID');
    const row = ctx.write.update(persons, current.id, { householdId: target.id, relationToHead: input.relationToHead });
    if (input.relationToHead === 'head') ctx.write.update(households, target.id, { headPersonId: current.id, dissolved: false });
    recordEvent(ctx, current.id, 'changed_household', input.date, target.id, { from: current.householdId, to: target.id });
    if (current.householdId) afterMemberLeft(ctx, current.householdId, current.id);
    ctx.audit({ kind: 'change', action: 'persons.move', entity: 'persons', entityId: current.id, personId: current.id });
    return { person: toPerson(row) };
  },

  'persons.merge': (input, ctx) => ({ person: toPerson(mergePersons(ctx, input.survivorId, input.mergedId, input.reason)) }),

  'persons.merges': (input, ctx) => {
    const rows = ctx.station.sqlite
      .prepare(
        `SELECT m.id, m.survivor_id AS survivorId, s.full_name AS survivorName, m.merged_id AS mergedId, d.full_name AS mergedName,
                m.reason, u.full_name AS mergedBy, m.merged_at AS mergedAt, m.moved
         FROM person_merges m JOIN persons s ON s.id = m.survivor_id JOIN persons d ON d.id = m.merged_id
         LEFT JOIN users u ON u.id = m.merged_by ORDER BY m.merged_at DESC LIMIT ?`,
      )
      .all(input.limit) as { moved: string }[];
    return { merges: rows.map((r) => ({ ...r, moved: safeJson(r.moved) as Record<string, number> })) as never };
  },
} satisfies Partial<HandlerMap>;
