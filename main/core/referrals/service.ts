import { and, desc, eq } from 'drizzle-orm';
import type { ReferralFields } from '../../../shared/contract/referrals.js';
import { AppError } from '../../../shared/errors.js';
import { translate } from '../../../shared/i18n/index.js';
import type { ReferralSnapshot } from '../../../shared/referrals/snapshot.js';
import { stationDate } from '../../../shared/visits/station-date.js';
import type { HandlerContext } from '../dispatch/types.js';
import { persons } from '../persons/schema.js';
import { liveVisit } from '../visits/views.js';
import { readReferralConfig } from './config.js';
import { liveFacility } from './facilities.js';
import { printLog, referralVersions, referrals } from './schema.js';
import { referralSnapshot, type ReferralRow } from './slip.js';

/** Rules of referrals; every write goes through ctx.write inside dispatch's (serialised) transaction. */

export function liveReferral(ctx: HandlerContext, id: string): ReferralRow {
  const row = ctx.write.get(referrals, id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND');
  return row;
}

export function refuseState(ctx: HandlerContext, key: string): never {
  throw new AppError('REFERRAL_STATE_INVALID', { reason: translate(ctx.caller.locale, key) });
}

/** The columns of the physician's fields (JSON lists as text). */
function columns(f: ReferralFields) {
  return {
    destinationId: f.destinationId,
    formVersion: f.formVersion,
    reason: f.reason,
    recordNumber: f.recordNumber || null,
    clinicalSigns: f.clinicalSigns || null,
    diseaseCourse: f.diseaseCourse || null,
    mainResults: f.mainResults || null,
    diagnosisText: f.diagnosisText || null,
    diagnoses: JSON.stringify(f.diagnoses.map((d) => ({ icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain }))),
    procedures: JSON.stringify(f.procedures.map((p) => ({ name: p.name, startAt: p.startAt ?? null, endAt: p.endAt ?? null }))),
    treatment: f.treatment || null,
    medicines: JSON.stringify(f.medicines),
    stateAtTransfer: f.stateAtTransfer || null,
    treatmentDirection: f.treatmentDirection || null,
    transferAt: f.transferAt ?? null,
    transport: f.transport || null,
    escortName: f.escortName || null,
    escortTitle: f.escortTitle || null,
    validOneYear: f.validOneYear,
    priorCare: JSON.stringify(f.priorCare.map((c) => ({ place: c.place, level: c.level || null, from: c.from ?? null, to: c.to ?? null }))),
    workplace: f.workplace || null,
    physicianName: f.physicianName || null,
    physicianTitle: f.physicianTitle || null,
    physicianLicense: f.physicianLicense || null,
  };
}

function checkFields(ctx: HandlerContext, f: ReferralFields): void {
  liveFacility(ctx.station, f.destinationId);
  const mains = f.diagnoses.filter((d) => d.isMain).length;
  if (f.diagnoses.length > 0 && mains !== 1) {
    throw new AppError('VALIDATION_FAILED', {}, { fields: [{ path: 'referral.diagnoses', message: translate(ctx.caller.locale, 'v.oneMainDiagnosis') }] });
  }
}

export function createReferral(ctx: HandlerContext, personId: string, visitId: string | undefined, f: ReferralFields): ReferralRow {
  const user = ctx.user();
  let person = ctx.write.get(persons, personId);
  if (person?.mergedInto) person = ctx.write.get(persons, person.mergedInto);
  if (!person || person.deleted) throw new AppError('NOT_FOUND');
  if (visitId) {
    const visit = liveVisit(ctx.station, visitId);
    if (visit.personId !== person.id) throw new AppError('BAD_REQUEST');
    if (visit.status === 'cancelled') refuseState(ctx, 'referrals.refuse.visitCancelled');
  }
  checkFields(ctx, f);
  const row = ctx.write.insert(referrals, {
    personId: person.id,
    visitId: visitId ?? null,
    status: 'draft',
    version: 0,
    createdAt: ctx.now.toISOString(),
    createdBy: user.id,
    createdByName: user.fullName,
    ...columns(f),
  });
  ctx.audit({ kind: 'change', action: 'referrals.create', entity: 'referrals', entityId: row.id, personId: person.id });
  return row;
}

/** Next place in the station's yearly series. Writes are serialised, so reading the maximum here cannot race. */
function nextSeq(ctx: HandlerContext, table: 'referrals' | 'appointments', year: number): number {
  const owner = ctx.station.facilityCode()!;
  const row = ctx.station.sqlite.prepare(`SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM ${table} WHERE owner_facility = ? AND year = ?`).get(owner, year) as { next: number };
  return row.next;
}

export function nextNumber(ctx: HandlerContext, table: 'referrals' | 'appointments', suffix: string | null): { year: number; seq: number; number: string } {
  const year = Number(stationDate(ctx.now).slice(0, 4));
  const seq = nextSeq(ctx, table, year);
  return { year, seq, number: suffix ? `${seq}/${year}/${suffix}` : `${seq}/${year}` };
}

/** Freezes the current fields as version `version` (content on the row and in referral_versions). */
function freezeVersion(ctx: HandlerContext, row: ReferralRow, version: number, note: string | null): ReferralSnapshot {
  const user = ctx.user();
  const snapshot = referralSnapshot(ctx.station, row, readReferralConfig(ctx.station), { version, number: row.number, seq: row.seq, year: row.year, issuedAt: row.issuedAt });
  const content = JSON.stringify(snapshot);
  ctx.write.update(referrals, row.id, { version, content });
  ctx.write.insert(referralVersions, {
    referralId: row.id,
    version,
    formVersion: row.formVersion,
    number: row.number!,
    content,
    note,
    createdAt: ctx.now.toISOString(),
    createdBy: user.id,
    createdByName: user.fullName,
  });
  return snapshot;
}

export function issueReferral(ctx: HandlerContext, id: string): ReferralRow {
  const row = liveReferral(ctx, id);
  if (row.status !== 'draft') refuseState(ctx, 'referrals.refuse.alreadyIssued');
  const config = readReferralConfig(ctx.station);
  const { year, seq, number } = nextNumber(ctx, 'referrals', row.formVersion === 'tt14_2014' ? 'GCT' : config.numberSuffix);
  const issued = ctx.write.update(referrals, id, { status: 'issued', year, seq, number, issuedAt: ctx.now.toISOString(), issuedBy: ctx.user().id });
  freezeVersion(ctx, issued, 1, null);
  ctx.audit({ kind: 'change', action: 'referrals.issue', entity: 'referrals', entityId: id, personId: row.personId, details: { number } });
  return liveReferral(ctx, id);
}

/** A draft changes in place; an issued referral gets a new version (same number; earlier versions stay). */
export function updateReferral(ctx: HandlerContext, id: string, f: ReferralFields, note: string | null): ReferralRow {
  const row = liveReferral(ctx, id);
  if (row.status === 'received') refuseState(ctx, 'referrals.refuse.received');
  checkFields(ctx, f);
  const updated = ctx.write.update(referrals, id, columns(f));
  if (row.status === 'draft') {
    ctx.audit({ kind: 'change', action: 'referrals.update', entity: 'referrals', entityId: id, personId: row.personId });
    return updated;
  }
  const version = row.version + 1;
  freezeVersion(ctx, updated, version, note);
  // The new content has not been printed yet.
  ctx.write.update(referrals, id, { status: 'issued' });
  ctx.audit({ kind: 'change', action: 'referrals.update', entity: 'referrals', entityId: id, personId: row.personId, details: { version, number: row.number } });
  return liveReferral(ctx, id);
}

/** The stored content of a version (the current one by default). */
export function storedSnapshot(ctx: HandlerContext, row: ReferralRow, version?: number): ReferralSnapshot {
  if (row.status === 'draft') {
    return referralSnapshot(ctx.station, row, readReferralConfig(ctx.station), { version: 0, number: null, seq: null, year: null, issuedAt: null });
  }
  const wanted = version ?? row.version;
  const v = ctx.station.db
    .select()
    .from(referralVersions)
    .where(and(eq(referralVersions.referralId, row.id), eq(referralVersions.version, wanted)))
    .get();
  if (!v) throw new AppError('NOT_FOUND');
  return JSON.parse(v.content) as ReferralSnapshot;
}

export function logPrint(ctx: HandlerContext, documentType: 'referral' | 'appointment', documentId: string, version: number, number: string, formVersion: string): number {
  const user = ctx.user();
  ctx.write.insert(printLog, {
    documentType,
    documentId,
    version,
    number,
    formVersion,
    printedAt: ctx.now.toISOString(),
    printedBy: user.id,
    printedByName: user.fullName,
    workstation: ctx.caller.workstation,
  });
  return printCount(ctx, documentType, documentId);
}

export function printCount(ctx: HandlerContext, documentType: 'referral' | 'appointment', documentId: string): number {
  const r = ctx.station.sqlite.prepare('SELECT count(*) AS n FROM print_log WHERE document_type = ? AND document_id = ? AND deleted = 0').get(documentType, documentId) as { n: number };
  return r.n;
}

/** The caller's last practising-certificate number and title (from their latest referral or appointment). */
export function lastPhysicianDetails(ctx: HandlerContext): { license: string | null; title: string | null } {
  const user = ctx.user();
  const r = ctx.station.db.select().from(referrals).where(eq(referrals.createdBy, user.id)).orderBy(desc(referrals.createdAt)).limit(1).get();
  const a = ctx.station.sqlite
    .prepare('SELECT physician_license AS license, physician_title AS title, issued_at AS at FROM appointments WHERE issued_by = ? ORDER BY issued_at DESC LIMIT 1')
    .get(user.id) as { license: string | null; title: string | null; at: string } | undefined;
  if (a && (!r || a.at > r.createdAt)) return { license: a.license, title: a.title };
  return { license: r?.physicianLicense ?? null, title: r?.physicianTitle ?? null };
}
