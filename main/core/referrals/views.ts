import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { Referral, ReferralSummary } from '../../../shared/contract/referrals.js';
import type { ReferralFormVersion, SlipDiagnosis } from '../../../shared/referrals/snapshot.js';
import { stationDay } from '../../../shared/referrals/datetime.js';
import type { Station } from '../station.js';
import { liveFacility, toFacility } from './facilities.js';
import { facilities, printLog, referralVersions, referrals } from './schema.js';
import { parseJson, type ReferralRow } from './slip.js';

/** Read models of referrals. */

function personNames(station: Station, ids: readonly string[]): Map<string, { fullName: string; birthDate: string }> {
  const out = new Map<string, { fullName: string; birthDate: string }>();
  const stmt = station.sqlite.prepare('SELECT full_name AS fullName, birth_date AS birthDate FROM persons WHERE id = ?');
  for (const id of new Set(ids)) {
    const r = stmt.get(id) as { fullName: string; birthDate: string } | undefined;
    if (r) out.set(id, r);
  }
  return out;
}

function printCounts(station: Station, type: 'referral' | 'appointment'): Map<string, number> {
  const rows = station.sqlite.prepare('SELECT document_id AS id, count(*) AS n FROM print_log WHERE document_type = ? AND deleted = 0 GROUP BY document_id').all(type) as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

export function summaries(station: Station, rows: ReferralRow[]): ReferralSummary[] {
  const people = personNames(station, rows.map((r) => r.personId));
  const counts = printCounts(station, 'referral');
  const names = new Map(station.db.select({ id: facilities.id, name: facilities.name }).from(facilities).all().map((f) => [f.id, f.name]));
  return rows.map((r) => {
    const diagnoses = parseJson<SlipDiagnosis[]>(r.diagnoses, []);
    const main = diagnoses.find((d) => d.isMain) ?? diagnoses[0];
    return {
      id: r.id,
      personId: r.personId,
      personName: people.get(r.personId)?.fullName ?? '?',
      birthDate: people.get(r.personId)?.birthDate ?? '',
      visitId: r.visitId,
      status: r.status,
      number: r.number,
      version: r.version,
      formVersion: r.formVersion as ReferralFormVersion,
      destinationName: names.get(r.destinationId) ?? '?',
      mainDiagnosis: main ? `${main.icdCode} ${main.icdName}` : r.diagnosisText,
      transferAt: r.transferAt,
      issuedAt: r.issuedAt,
      createdAt: r.createdAt,
      printCount: counts.get(r.id) ?? 0,
    };
  });
}

export function referralDetail(station: Station, row: ReferralRow): Referral {
  const [summary] = summaries(station, [row]);
  const prints = station.db.select().from(printLog).where(and(eq(printLog.documentType, 'referral'), eq(printLog.documentId, row.id))).orderBy(asc(printLog.printedAt)).all();
  const printed = new Set(prints.map((p) => p.version));
  const versions = station.db.select().from(referralVersions).where(eq(referralVersions.referralId, row.id)).orderBy(asc(referralVersions.version)).all();
  return {
    ...summary!,
    fields: {
      destinationId: row.destinationId,
      formVersion: row.formVersion as ReferralFormVersion,
      reason: row.reason as '1' | '2' | '3',
      recordNumber: row.recordNumber,
      clinicalSigns: row.clinicalSigns,
      diseaseCourse: row.diseaseCourse,
      mainResults: row.mainResults,
      diagnosisText: row.diagnosisText,
      diagnoses: parseJson(row.diagnoses, []),
      procedures: parseJson(row.procedures, []),
      treatment: row.treatment,
      medicines: parseJson(row.medicines, []),
      stateAtTransfer: row.stateAtTransfer,
      treatmentDirection: row.treatmentDirection,
      transferAt: row.transferAt,
      transport: row.transport,
      escortName: row.escortName,
      escortTitle: row.escortTitle,
      validOneYear: row.validOneYear,
      priorCare: parseJson(row.priorCare, []),
      workplace: row.workplace,
      physicianName: row.physicianName,
      physicianTitle: row.physicianTitle,
      physicianLicense: row.physicianLicense,
    },
    destination: toFacility(liveFacility(station, row.destinationId)),
    createdByName: row.createdByName,
    receivedAt: row.receivedAt,
    receivingDiagnosis: row.receivingDiagnosis,
    outcome: row.outcome,
    versions: versions.map((v) => ({ version: v.version, number: v.number, formVersion: v.formVersion, createdAt: v.createdAt, createdByName: v.createdByName, note: v.note, printed: printed.has(v.version) })),
    prints: prints.map((p) => ({ version: p.version, printedAt: p.printedAt, printedByName: p.printedByName, workstation: p.workstation })),
  };
}

/** Newest first; the period is the issue date (or the creation date of a draft), in station time. */
export function listReferrals(station: Station, q: ProcedureParsedInput<'referrals.list'>): ReferralSummary[] {
  const where: SQL[] = [eq(referrals.deleted, false)];
  if (q.status) where.push(eq(referrals.status, q.status));
  if (q.destinationId) where.push(eq(referrals.destinationId, q.destinationId));
  if (q.visitId) where.push(eq(referrals.visitId, q.visitId));
  const rows = station.db.select().from(referrals).where(and(...where)).orderBy(desc(referrals.createdAt)).all();
  const inPeriod = rows.filter((r) => {
    const day = stationDay(r.issuedAt ?? r.createdAt) ?? '';
    return (!q.from || day >= q.from) && (!q.to || day <= q.to);
  });
  return summaries(station, inPeriod.slice(0, q.limit));
}

export function personReferrals(station: Station, personId: string): ReferralSummary[] {
  const rows = station.db.select().from(referrals).where(and(eq(referrals.personId, personId), eq(referrals.deleted, false))).orderBy(desc(referrals.createdAt)).all();
  return summaries(station, rows);
}
