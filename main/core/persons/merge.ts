import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.js';
import { translate } from '../../../shared/i18n/index.js';
import type { HandlerContext } from '../dispatch/types.js';
import { healthRecords } from '../health-record/schema.js';
import { households } from './schema.js';
import { personMerges, persons } from './schema.js';
import { recordEvent } from './service.js';

/**
 * Synced tables that link to a person through a `person_id` column. Found from the schema, so records added by
 * later modules (visits, doses, readings, referrals…) move with a merge without changes here.
 */
function personLinkedTables(sqlite: Database.Database): string[] {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return tables
    .map((t) => t.name)
    .filter((name) => name !== 'health_records')
    .filter((name) => {
      const cols = (sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name);
      return cols.includes('person_id') && cols.includes('owner_facility') && cols.includes('hlc');
    });
}

/** Moves every record of `mergedId` to `survivorId`; the merged record stays as a pointer (merged_into). */
export function mergePersons(ctx: HandlerContext, survivorId: string, mergedId: string, reason: string) {
  const { sqlite } = ctx.station;
  const fail = (key: string) => {
    throw new AppError('MERGE_INVALID', { reason: translate(ctx.caller.locale, key) });
  };
  if (survivorId === mergedId) fail('merge.sameRecord');
  const survivor = ctx.write.get(persons, survivorId);
  const merged = ctx.write.get(persons, mergedId);
  if (!survivor || !merged || survivor.deleted || merged.deleted) throw new AppError('NOT_FOUND');
  if (survivor.mergedInto || merged.mergedInto) fail('merge.alreadyMerged');

  const moved: Record<string, number> = {};
  for (const table of personLinkedTables(sqlite)) {
    const ids = sqlite.prepare(`SELECT id FROM "${table}" WHERE person_id = ?`).all(mergedId) as { id: string }[];
    for (const { id } of ids) ctx.write.updateByName(table, id, { person_id: survivorId });
    if (ids.length) moved[table] = ids.length;
  }
  mergeHealthRecords(ctx, survivorId, mergedId);

  // Fill the survivor's empty identifiers and contacts from the duplicate; never overwrite what it has.
  const fill: Record<string, unknown> = {};
  for (const key of ['cccd', 'bhxhNumber', 'bhytCardCode', 'bhytValidFrom', 'bhytValidTo', 'bhytRegistrationFacility', 'phone', 'motherName', 'fatherName', 'permanentAddress', 'currentAddress'] as const) {
    if (!survivor[key] && merged[key]) fill[key] = merged[key];
  }
  if (merged.allergyAlert && !survivor.allergyAlert) fill.allergyAlert = true;
  // The duplicate's CCCD moves to the survivor, so clear it on the pointer first (one CCCD, one person).
  ctx.write.update(persons, mergedId, { status: 'merged', mergedInto: survivorId, cccd: null });
  if (Object.keys(fill).length) ctx.write.update(persons, survivorId, fill);

  for (const h of ctx.station.db.select().from(households).where(eq(households.headPersonId, mergedId)).all()) {
    ctx.write.update(households, h.id, { headPersonId: survivor.householdId === h.id ? survivorId : null });
  }
  const today = ctx.today;
  recordEvent(ctx, survivorId, 'merged', today, survivor.householdId, { mergedId, mergedName: merged.fullName, reason });
  ctx.write.insert(personMerges, {
    survivorId,
    mergedId,
    reason,
    mergedBy: ctx.session?.user.id ?? null,
    mergedAt: ctx.now.toISOString(),
    moved: JSON.stringify(moved),
  });
  ctx.audit({ kind: 'change', action: 'persons.merge', entity: 'persons', entityId: mergedId, personId: survivorId, details: { survivorId, mergedId, moved } });
  return ctx.write.get(persons, survivorId)!;
}

const SECTION_KEYS = ['birth', 'riskFactors', 'allergies', 'diseases', 'disabilities', 'surgeries', 'familyHistory', 'reproductive', 'otherProblems'] as const;

/** The survivor keeps its own sections; sections it lacks are taken from the duplicate. */
function mergeHealthRecords(ctx: HandlerContext, survivorId: string, mergedId: string): void {
  const { db } = ctx.station;
  const from = db.select().from(healthRecords).where(eq(healthRecords.personId, mergedId)).get();
  if (!from || from.deleted) return;
  const to = db.select().from(healthRecords).where(eq(healthRecords.personId, survivorId)).get();
  if (!to) {
    const values: Record<string, string | null> = {};
    for (const k of SECTION_KEYS) values[k] = from[k];
    ctx.write.insert(healthRecords, { personId: survivorId, ...values });
  } else {
    const patch: Record<string, string> = {};
    for (const k of SECTION_KEYS) if (!to[k] && from[k]) patch[k] = from[k]!;
    if (Object.keys(patch).length) ctx.write.update(healthRecords, to.id, patch);
  }
  ctx.write.remove(healthRecords, from.id);
}
