import { asc, eq } from 'drizzle-orm';
import type { ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { ReceivingFacility } from '../../../shared/contract/referrals.js';
import { AppError } from '../../../shared/errors.js';
import { FACILITY_LEVELS, type FacilityLevel } from '../../../shared/referrals/snapshot.js';
import type { HandlerContext } from '../dispatch/types.js';
import type { Station } from '../station.js';
import { facilities } from './schema.js';

type FacilityRow = typeof facilities.$inferSelect;

export function toFacility(row: FacilityRow): ReceivingFacility {
  const level = FACILITY_LEVELS.includes(row.level as FacilityLevel) ? (row.level as FacilityLevel) : null;
  return { id: row.id, code: row.code, name: row.name, level, address: row.address, provinceName: row.provinceName, active: row.active };
}

export function listFacilities(station: Station, includeInactive: boolean): ReceivingFacility[] {
  return station.db
    .select()
    .from(facilities)
    .where(eq(facilities.deleted, false))
    .orderBy(asc(facilities.name))
    .all()
    .filter((r) => includeInactive || r.active)
    .map(toFacility);
}

export function liveFacility(station: Station, id: string): FacilityRow {
  const row = station.writer.get(facilities, id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND');
  return row;
}

export function saveFacility(ctx: HandlerContext, input: ProcedureParsedInput<'referrals.saveFacility'>): ReceivingFacility {
  const sameCode = ctx.station.db.select().from(facilities).where(eq(facilities.code, input.code)).get();
  if (sameCode && sameCode.id !== input.id) {
    throw new AppError('VALIDATION_FAILED', {}, { fields: [{ path: 'code', message: ctx.caller.locale === 'vi' ? `Mã ${input.code} đã có trong danh mục` : `Code ${input.code} is already in the catalogue` }] });
  }
  const values = { code: input.code, name: input.name, level: input.level, address: input.address ?? null, provinceName: input.provinceName ?? null, active: input.active };
  const row = input.id ? (liveFacility(ctx.station, input.id), ctx.write.update(facilities, input.id, values)) : ctx.write.insert(facilities, values);
  ctx.audit({ kind: 'change', action: 'referrals.saveFacility', entity: 'facilities', entityId: row.id, details: { code: row.code } });
  return toFacility(row);
}
