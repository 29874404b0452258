import { eq } from 'drizzle-orm';
import type { Facility } from '../../../shared/contract/setup.js';
import type { Station } from '../station.js';
import { facility } from './schema.js';

export function currentFacility(station: Station): Facility | null {
  const code = station.facilityCode();
  if (!code) return null;
  const row = station.db.select().from(facility).where(eq(facility.code, code)).get();
  if (!row) return null;
  return {
    code: row.code,
    name: row.name,
    governingBody: row.governingBody,
    provinceCode: row.provinceCode,
    provinceName: row.provinceName,
    communeCode: row.communeCode,
    communeName: row.communeName,
  };
}

export function isConfigured(station: Station): boolean {
  return station.facilityCode() !== null;
}
