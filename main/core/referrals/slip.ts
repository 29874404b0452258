import { AppError } from '../../../shared/errors.js';
import type { ReferralConfig } from '../../../shared/contract/referrals.js';
import { ethnicityName } from '../../../shared/reference/ethnicities.js';
import { FACILITY_LEVEL_NAMES, type FacilityLevel, type ReferralFormVersion, type ReferralReason, type ReferralSnapshot, type SlipPatient, type StationHeader } from '../../../shared/referrals/snapshot.js';
import { currentFacility } from '../setup/service.js';
import type { Station } from '../station.js';
import { liveFacility } from './facilities.js';
import type { referrals } from './schema.js';

/** Builds the frozen content of a slip from the live records (at issue, or on the fly for a draft preview). */

export type ReferralRow = typeof referrals.$inferSelect;

export function stationHeader(station: Station): StationHeader {
  const f = currentFacility(station);
  if (!f) throw new AppError('SETUP_REQUIRED');
  return { code: f.code, name: f.name, governingBody: f.governingBody, provinceName: f.provinceName, communeName: f.communeName };
}

interface PersonSlipRow {
  id: string;
  fullName: string;
  sex: 'M' | 'F';
  birthDate: string;
  ethnicityCode: string;
  nationality: string;
  occupation: string | null;
  cccd: string | null;
  bhytCardCode: string | null;
  bhytValidFrom: string | null;
  bhytValidTo: string | null;
  currentAddress: string | null;
  permanentAddress: string | null;
  householdAddress: string | null;
  hamletName: string | null;
}

/** The patient block: the address is the current one, or the household's with hamlet, commune and province. */
export function slipPatient(station: Station, personId: string, workplace: string | null): SlipPatient {
  const p = station.sqlite
    .prepare(
      `SELECT p.id, p.full_name AS fullName, p.sex, p.birth_date AS birthDate, p.ethnicity_code AS ethnicityCode, p.nationality,
              p.occupation, p.cccd, p.bhyt_card_code AS bhytCardCode, p.bhyt_valid_from AS bhytValidFrom, p.bhyt_valid_to AS bhytValidTo,
              p.current_address AS currentAddress, p.permanent_address AS permanentAddress, h.address AS householdAddress, hm.name AS hamletName
       FROM persons p LEFT JOIN households h ON h.id = p.household_id LEFT JOIN hamlets hm ON hm.id = h.hamlet_id WHERE p.id = ?`,
    )
    .get(personId) as PersonSlipRow | undefined;
  if (!p) throw new AppError('NOT_FOUND');
  const station_ = stationHeader(station);
  const household = p.householdAddress ? [p.householdAddress, p.hamletName, station_.communeName, station_.provinceName].filter(Boolean).join(', ') : null;
  return {
    personId: p.id,
    fullName: p.fullName,
    sex: p.sex,
    birthDate: p.birthDate,
    address: p.currentAddress || household || p.permanentAddress,
    ethnicityCode: p.ethnicityCode,
    ethnicityName: ethnicityName(p.ethnicityCode) || null,
    nationality: p.nationality,
    occupation: p.occupation,
    workplace,
    cccd: p.cccd,
    bhytCardCode: p.bhytCardCode,
    bhytValidFrom: p.bhytValidFrom,
    bhytValidTo: p.bhytValidTo,
  };
}

export function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function visitStart(station: Station, visitId: string | null): { start: string | null; end: string | null } {
  if (!visitId) return { start: null, end: null };
  const v = station.sqlite.prepare('SELECT arrived_at AS start, finished_at AS end FROM visits WHERE id = ?').get(visitId) as { start: string; end: string | null } | undefined;
  return { start: v?.start ?? null, end: v?.end ?? null };
}

/** The content of a referral as it prints and exports; `issue` carries the number when it is (or was) issued. */
export function referralSnapshot(
  station: Station,
  row: ReferralRow,
  config: ReferralConfig,
  issue: { version: number; number: string | null; seq: number | null; year: number | null; issuedAt: string | null },
): ReferralSnapshot {
  const destination = liveFacility(station, row.destinationId);
  const level = destination.level && destination.level in FACILITY_LEVEL_NAMES ? FACILITY_LEVEL_NAMES[destination.level as FacilityLevel] : null;
  return {
    kind: 'referral',
    referralId: row.id,
    formVersion: row.formVersion as ReferralFormVersion,
    version: issue.version,
    number: issue.number,
    seq: issue.seq,
    year: issue.year,
    recordNumber: row.recordNumber ?? (issue.seq !== null && issue.year !== null ? `${issue.year}-${String(issue.seq).padStart(4, '0')}` : null),
    issuedAt: issue.issuedAt,
    station: stationHeader(station),
    patient: slipPatient(station, row.personId, row.workplace),
    destination: { code: destination.code, name: destination.name, level },
    episodeId: row.visitId ?? row.id,
    episodeStart: visitStart(station, row.visitId).start,
    priorCare: parseJson(row.priorCare, []),
    clinicalSigns: row.clinicalSigns,
    diseaseCourse: row.diseaseCourse,
    mainResults: row.mainResults,
    diagnosisText: row.diagnosisText,
    diagnoses: parseJson(row.diagnoses, []),
    procedures: parseJson(row.procedures, []),
    treatment: row.treatment,
    medicines: parseJson(row.medicines, []),
    stateAtTransfer: row.stateAtTransfer,
    reason: row.reason as ReferralReason,
    treatmentDirection: row.treatmentDirection,
    transferAt: row.transferAt,
    transport: row.transport,
    escortName: row.escortName,
    escortTitle: row.escortTitle,
    validOneYear: row.validOneYear,
    physician: { name: row.physicianName, code: row.physicianLicense, title: row.physicianTitle },
    signer: { name: config.signerName, code: config.signerCode, title: config.signerTitle },
  };
}
