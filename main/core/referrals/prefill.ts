import type { ProcedureOutput } from '../../../shared/contract/index.js';
import { AppError } from '../../../shared/errors.js';
import { stationWallTime } from '../../../shared/referrals/datetime.js';
import type { HandlerContext } from '../dispatch/types.js';
import { persons } from '../persons/schema.js';
import { medicineLine, visitDetail } from '../visits/views.js';
import { readReferralConfig } from './config.js';
import { lastPhysicianDetails } from './service.js';
import { stationHeader } from './slip.js';

/** A new referral's fields, prefilled from the visit (or only the person) and the caller. */
export function referralPrefill(ctx: HandlerContext, visitId: string | undefined, personId: string | undefined): ProcedureOutput<'referrals.prefill'> {
  const user = ctx.user();
  const config = readReferralConfig(ctx.station);
  const physician = lastPhysicianDetails(ctx);
  const now = stationWallTime(ctx.now.toISOString())!;
  const base = {
    formVersion: config.defaultFormVersion,
    reason: '1' as const,
    recordNumber: null,
    transferAt: now,
    transport: null,
    escortName: null,
    escortTitle: null,
    validOneYear: false,
    workplace: null,
    stateAtTransfer: null,
    treatmentDirection: null,
    mainResults: null,
    procedures: [],
    physicianName: user.fullName,
    physicianTitle: physician.title,
    physicianLicense: physician.license,
  };
  if (!visitId) {
    if (!personId) throw new AppError('BAD_REQUEST');
    const person = ctx.write.get(persons, personId);
    if (!person || person.deleted) throw new AppError('NOT_FOUND');
    return {
      personId: person.id,
      personName: person.fullName,
      visitId: null,
      fields: { ...base, clinicalSigns: null, diseaseCourse: null, diagnosisText: null, diagnoses: [], treatment: null, medicines: [], priorCare: [] },
    };
  }
  const v = visitDetail(ctx.station, visitId);
  const vitals = [
    v.vitals.pulse != null ? `mạch ${v.vitals.pulse} lần/phút` : null,
    v.vitals.temperature != null ? `nhiệt độ ${v.vitals.temperature} °C` : null,
    v.vitals.systolic != null && v.vitals.diastolic != null ? `huyết áp ${v.vitals.systolic}/${v.vitals.diastolic} mmHg` : null,
    v.vitals.respiratoryRate != null ? `nhịp thở ${v.vitals.respiratoryRate} lần/phút` : null,
    v.vitals.spo2 != null ? `SpO2 ${v.vitals.spo2}%` : null,
  ].filter(Boolean);
  const signs = [v.symptoms, v.findings, vitals.length ? `Dấu hiệu sinh tồn: ${vitals.join(', ')}` : null].filter(Boolean).join('; ');
  const diagnoses = v.diagnoses.map((d) => ({ icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain }));
  return {
    personId: v.person.id,
    personName: v.person.fullName,
    visitId: v.id,
    fields: {
      ...base,
      clinicalSigns: signs || null,
      diseaseCourse: v.history,
      diagnosisText: diagnoses.length ? diagnoses.map((d) => d.icdName).join('; ') : null,
      diagnoses,
      treatment: v.treatment,
      medicines: v.prescription.map(medicineLine),
      priorCare: [{ place: stationHeader(ctx.station).name, level: 'ban đầu', from: v.visitDate, to: now.slice(0, 10) }],
    },
  };
}
