import type { ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { Pregnancy } from '../../../shared/contract/immunization.js';
import { AppError } from '../../../shared/errors.js';
import { addDays } from '../../../shared/immunization/dates.js';
import type { HandlerContext } from '../dispatch/types.js';
import { livePerson, refuseOne, viDay } from './common.js';
import { isOngoing, pregnancyView } from './evaluate.js';
import { pregnanciesOf, pregnancyById } from './repo.js';
import { immPregnancies } from './schema.js';

/** Naegele's rule: expected delivery = last menstrual period + 280 days. */
export const GESTATION_DAYS = 280;

export function recordPregnancy(ctx: HandlerContext, input: ProcedureParsedInput<'imm.recordPregnancy'>): Pregnancy {
  const person = livePerson(ctx, input.personId);
  if (person.sex !== 'F') refuseOne(ctx, 'personId', 'v.immNotFemale');
  if (input.lmp && input.lmp > ctx.today) refuseOne(ctx, 'lmp', 'v.immFutureDate');
  const edd = input.expectedDelivery ?? addDays(input.lmp!, GESTATION_DAYS);
  if (input.lmp && edd <= input.lmp) refuseOne(ctx, 'expectedDelivery', 'v.immLmpAfter');
  const ongoing = (pregnanciesOf(ctx.station.sqlite, [person.id]).get(person.id) ?? []).find((p) => isOngoing(p, ctx.today));
  if (ongoing) refuseOne(ctx, 'expectedDelivery', 'v.immPregnancyOngoing', { date: viDay(ongoing.expectedDelivery) });
  const row = ctx.write.insert(immPregnancies, {
    personId: person.id,
    lmp: input.lmp ?? null,
    expectedDelivery: edd,
    gravida: input.gravida ?? null,
    note: input.note || null,
    createdAt: ctx.now.toISOString(),
  });
  ctx.audit({ kind: 'change', action: 'imm.recordPregnancy', entity: 'imm_pregnancies', entityId: row.id, personId: person.id });
  return pregnancyView(pregnancyById(ctx.station.sqlite, row.id)!, ctx.today);
}

export function endPregnancy(ctx: HandlerContext, input: ProcedureParsedInput<'imm.endPregnancy'>): Pregnancy {
  const row = pregnancyById(ctx.station.sqlite, input.id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.endedOn) refuseOne(ctx, 'id', 'v.immPregnancyEnded');
  if (input.endedOn > ctx.today) refuseOne(ctx, 'endedOn', 'v.immFutureDate');
  ctx.write.update(immPregnancies, row.id, { endedOn: input.endedOn, outcome: input.outcome, ...(input.note ? { note: input.note } : {}) });
  ctx.audit({ kind: 'change', action: 'imm.endPregnancy', entity: 'imm_pregnancies', entityId: row.id, personId: row.personId, details: { outcome: input.outcome } });
  return pregnancyView(pregnancyById(ctx.station.sqlite, row.id)!, ctx.today);
}

export function pregnanciesView(ctx: HandlerContext, personId: string): Pregnancy[] {
  const person = livePerson(ctx, personId);
  return (pregnanciesOf(ctx.station.sqlite, [person.id]).get(person.id) ?? []).map((p) => pregnancyView(p, ctx.today));
}
