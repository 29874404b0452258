import { AppError } from '../../../shared/errors.js';
import type { SlipSnapshot } from '../../../shared/referrals/snapshot.js';
import { exportXml13, exportXml14, type XmlExport } from '../../../shared/xml130/export.js';
import type { XmlVariant } from '../../../shared/xml130/variants.js';
import type { HandlerContext, HandlerMap } from '../dispatch/types.js';
import { renderSlip, slipFileName } from '../print/index.js';
import { appointmentPrefill, cancelAppointment, createAppointment, listAppointments, liveAppointment, personAppointments, storedAppointment, toAppointments } from './appointments.js';
import { readReferralConfig, writeReferralConfig } from './config.js';
import { listFacilities, saveFacility } from './facilities.js';
import { referralPrefill } from './prefill.js';
import { referrals } from './schema.js';
import { createReferral, issueReferral, liveReferral, logPrint, refuseState, storedSnapshot, updateReferral } from './service.js';
import { listReferrals, personReferrals, referralDetail } from './views.js';

async function pdf(ctx: HandlerContext, s: SlipSnapshot) {
  const bytes = await renderSlip(s, ctx.station.options.resourcesDir);
  return { pdfBase64: bytes.toString('base64'), fileName: slipFileName(s), version: s.kind === 'referral' ? s.version : 1 };
}

/** Refuses an invalid XML record, listing in Vietnamese what is missing or wrong. */
function xmlOrRefuse(out: XmlExport): string {
  if (out.ok) return out.xml;
  throw new AppError('XML_EXPORT_INVALID', { count: out.issues.length, list: out.issues.map((i) => i.message).join('; ') }, { fields: out.issues.map((i) => ({ path: i.element, message: i.message })) });
}

const xmlFileName = (table: string, number: string | null, variant: XmlVariant) => `${table}_${(number ?? '').replace(/[^A-Za-z0-9]+/g, '-')}_${variant.toUpperCase()}.xml`;

export const referralsHandlers = {
  'referrals.facilities': (input, ctx) => ({ facilities: listFacilities(ctx.station, input.includeInactive) }),
  'referrals.saveFacility': (input, ctx) => ({ facility: saveFacility(ctx, input) }),
  'referrals.config': (_input, ctx) => ({ config: readReferralConfig(ctx.station) }),
  'referrals.setConfig': (input, ctx) => ({ config: writeReferralConfig(ctx, input) }),
  'referrals.prefill': (input, ctx) => referralPrefill(ctx, input.visitId, input.personId),

  'referrals.create': (input, ctx) => ({ referral: referralDetail(ctx.station, createReferral(ctx, input.personId, input.visitId, input.referral)) }),
  'referrals.update': (input, ctx) => ({ referral: referralDetail(ctx.station, updateReferral(ctx, input.id, input.referral, input.note ?? null)) }),
  'referrals.issue': (input, ctx) => ({ referral: referralDetail(ctx.station, issueReferral(ctx, input.id)) }),
  'referrals.recordOutcome': (input, ctx) => {
    const row = liveReferral(ctx, input.id);
    if (row.status === 'draft') refuseState(ctx, 'referrals.refuse.notIssued');
    const updated = ctx.write.update(referrals, row.id, { status: 'received', receivedAt: input.receivedAt, receivingDiagnosis: input.receivingDiagnosis ?? null, outcome: input.outcome ?? null });
    ctx.audit({ kind: 'change', action: 'referrals.recordOutcome', entity: 'referrals', entityId: row.id, personId: row.personId });
    return { referral: referralDetail(ctx.station, updated) };
  },

  'referrals.list': (input, ctx) => ({ referrals: listReferrals(ctx.station, input) }),
  'referrals.get': (input, ctx) => {
    const row = liveReferral(ctx, input.id);
    ctx.audit({ kind: 'view', action: 'referrals.get', entity: 'referrals', entityId: row.id, personId: row.personId });
    return { referral: referralDetail(ctx.station, row) };
  },
  'referrals.forPerson': (input, ctx) => ({ referrals: personReferrals(ctx.station, input.personId) }),

  'referrals.preview': (input, ctx) => {
    const row = liveReferral(ctx, input.id);
    ctx.audit({ kind: 'view', action: 'referrals.preview', entity: 'referrals', entityId: row.id, personId: row.personId, details: { version: input.version ?? row.version } });
    return pdf(ctx, storedSnapshot(ctx, row, input.version));
  },
  'referrals.print': (input, ctx) => {
    const row = liveReferral(ctx, input.id);
    if (row.status === 'draft') refuseState(ctx, 'referrals.refuse.notIssued');
    const s = storedSnapshot(ctx, row, input.version);
    const count = logPrint(ctx, 'referral', row.id, s.version, s.number!, s.formVersion);
    // Printing the current version marks the referral printed (a received one stays received).
    if (s.version === row.version && row.status === 'issued') ctx.write.update(referrals, row.id, { status: 'printed' });
    ctx.audit({ kind: 'change', action: 'referrals.print', entity: 'referrals', entityId: row.id, personId: row.personId, details: { version: s.version, number: s.number } });
    return { version: s.version, number: s.number!, fileName: slipFileName(s), printedAt: ctx.now.toISOString(), printCount: count };
  },
  'referrals.exportXml13': (input, ctx) => {
    const row = liveReferral(ctx, input.id);
    if (row.status === 'draft') refuseState(ctx, 'referrals.refuse.notIssued');
    const variant = input.variant ?? readReferralConfig(ctx.station).xmlVariant;
    const s = storedSnapshot(ctx, row);
    if (s.kind !== 'referral') throw new AppError('INTERNAL');
    const xml = xmlOrRefuse(exportXml13(s, variant, ctx.now.toISOString()));
    ctx.audit({ kind: 'view', action: 'referrals.exportXml13', entity: 'referrals', entityId: row.id, personId: row.personId, details: { variant, version: s.version } });
    return { xml, fileName: xmlFileName('XML13', s.number, variant) };
  },
} satisfies Partial<HandlerMap>;

export const appointmentsHandlers = {
  'appointments.prefill': (input, ctx) => appointmentPrefill(ctx, input.visitId),
  'appointments.create': (input, ctx) => ({ appointment: toAppointments(ctx.station, [createAppointment(ctx, input)])[0]! }),
  'appointments.cancel': (input, ctx) => ({ appointment: toAppointments(ctx.station, [cancelAppointment(ctx, input.id)])[0]! }),
  'appointments.list': (input, ctx) => ({ appointments: listAppointments(ctx.station, input) }),
  'appointments.get': (input, ctx) => {
    const row = liveAppointment(ctx, input.id);
    ctx.audit({ kind: 'view', action: 'appointments.get', entity: 'appointments', entityId: row.id, personId: row.personId });
    return { appointment: toAppointments(ctx.station, [row])[0]! };
  },
  'appointments.forPerson': (input, ctx) => ({ appointments: personAppointments(ctx.station, input.personId) }),
  'appointments.preview': (input, ctx) => {
    const row = liveAppointment(ctx, input.id);
    ctx.audit({ kind: 'view', action: 'appointments.preview', entity: 'appointments', entityId: row.id, personId: row.personId });
    return pdf(ctx, storedAppointment(row));
  },
  'appointments.print': (input, ctx) => {
    const row = liveAppointment(ctx, input.id);
    if (row.status === 'cancelled') refuseState(ctx, 'appointments.refuse.cancelled');
    const s = storedAppointment(row);
    const count = logPrint(ctx, 'appointment', row.id, 1, row.number, row.formVersion);
    ctx.audit({ kind: 'change', action: 'appointments.print', entity: 'appointments', entityId: row.id, personId: row.personId, details: { number: row.number } });
    return { version: 1, number: row.number, fileName: slipFileName(s), printedAt: ctx.now.toISOString(), printCount: count };
  },
  'appointments.exportXml14': (input, ctx) => {
    const row = liveAppointment(ctx, input.id);
    const variant = input.variant ?? readReferralConfig(ctx.station).xmlVariant;
    const xml = xmlOrRefuse(exportXml14(storedAppointment(row), variant, ctx.now.toISOString()));
    ctx.audit({ kind: 'view', action: 'appointments.exportXml14', entity: 'appointments', entityId: row.id, personId: row.personId, details: { variant } });
    return { xml, fileName: xmlFileName('XML14', row.number, variant) };
  },
} satisfies Partial<HandlerMap>;

