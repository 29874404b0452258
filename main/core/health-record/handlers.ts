import { eq } from 'drizzle-orm';
import type { HealthRecord, HealthRecordSection } from '../../../shared/contract/health-record.js';
import { HEALTH_RECORD_SECTIONS } from '../../../shared/contract/health-record.js';
import { AppError } from '../../../shared/errors.js';
import type { HandlerContext, HandlerMap } from '../dispatch/types.js';
import { resolvePersonId } from '../persons/repo.js';
import { persons } from '../persons/schema.js';
import { healthRecordChanges, healthRecords } from './schema.js';

function parseSection(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function readRecord(ctx: HandlerContext, personId: string): HealthRecord {
  const row = ctx.station.db.select().from(healthRecords).where(eq(healthRecords.personId, personId)).get();
  const record = {} as Record<HealthRecordSection, unknown>;
  for (const s of HEALTH_RECORD_SECTIONS) record[s] = row && !row.deleted ? parseSection(row[s]) : null;
  return record as HealthRecord;
}

function hasAllergy(value: unknown): boolean {
  return Object.values((value ?? {}) as Record<string, unknown>).some((v) => typeof v === 'string' && v.trim() !== '');
}

export const healthRecordHandlers = {
  'healthRecord.get': (input, ctx) => {
    const personId = resolvePersonId(ctx.station.sqlite, input.personId);
    if (!personId) throw new AppError('NOT_FOUND');
    ctx.audit({ kind: 'view', action: 'healthRecord.get', entity: 'health_records', personId });
    const history = ctx.station.sqlite
      .prepare(
        `SELECT c.id, c.section, c.value, u.full_name AS changedBy, c.changed_at AS changedAt
         FROM health_record_changes c LEFT JOIN users u ON u.id = c.changed_by
         WHERE c.person_id = ? ORDER BY c.changed_at DESC, c.id DESC LIMIT 200`,
      )
      .all(personId) as { id: string; section: HealthRecordSection; value: string; changedBy: string | null; changedAt: string }[];
    return { record: readRecord(ctx, personId), history: history.map((h) => ({ ...h, value: parseSection(h.value) })) };
  },

  'healthRecord.updateSection': (input, ctx) => {
    const person = ctx.write.get(persons, input.personId);
    if (!person || person.deleted) throw new AppError('NOT_FOUND');
    if (person.status === 'merged') throw new AppError('PERSON_NOT_ACTIVE');
    const json = JSON.stringify(input.value);
    const existing = ctx.station.db.select().from(healthRecords).where(eq(healthRecords.personId, person.id)).get();
    if (existing) ctx.write.update(healthRecords, existing.id, { [input.section]: json });
    else ctx.write.insert(healthRecords, { personId: person.id, [input.section]: json });
    ctx.write.insert(healthRecordChanges, {
      personId: person.id,
      section: input.section,
      value: json,
      changedBy: ctx.session?.user.id ?? null,
      changedAt: ctx.now.toISOString(),
    });
    if (input.section === 'allergies') ctx.write.update(persons, person.id, { allergyAlert: hasAllergy(input.value) });
    ctx.audit({ kind: 'change', action: 'healthRecord.updateSection', entity: 'health_records', personId: person.id, details: { section: input.section } });
    return { record: readRecord(ctx, person.id) };
  },
} satisfies Partial<HandlerMap>;
