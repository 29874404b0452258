import type { ProcedureOutput } from '../../../shared/contract/index.js';
import type { ReferralFieldsInput } from '../../../shared/contract/referrals.js';
import type { ReferralFormVersion, ReferralReason } from '../../../shared/referrals/snapshot.js';

/** The referral form's values: text fields are '' when empty; lists as the form edits them. */
export interface ReferralFormValues {
  destinationId: string;
  formVersion: ReferralFormVersion;
  reason: ReferralReason;
  recordNumber: string;
  workplace: string;
  priorCare: { place: string; level: string; from: string; to: string }[];
  clinicalSigns: string;
  diseaseCourse: string;
  mainResults: string;
  diagnosisText: string;
  diagnoses: { icdCode: string; icdName: string; isMain: boolean }[];
  procedures: { name: string; startAt: string; endAt: string }[];
  treatment: string;
  medicines: string;
  stateAtTransfer: string;
  treatmentDirection: string;
  transferAt: string;
  transport: string;
  escortName: string;
  escortTitle: string;
  validOneYear: boolean;
  physicianName: string;
  physicianTitle: string;
  physicianLicense: string;
  note: string;
}

type StoredFields = Partial<ProcedureOutput<'referrals.get'>['referral']['fields']>;

const s = (v: string | null | undefined) => v ?? '';

export function formValuesOf(f: StoredFields): ReferralFormValues {
  return {
    destinationId: f.destinationId ?? '',
    formVersion: f.formVersion ?? 'tt01_2025',
    reason: f.reason ?? '1',
    recordNumber: s(f.recordNumber),
    workplace: s(f.workplace),
    priorCare: (f.priorCare ?? []).map((c) => ({ place: c.place, level: s(c.level), from: s(c.from), to: s(c.to) })),
    clinicalSigns: s(f.clinicalSigns),
    diseaseCourse: s(f.diseaseCourse),
    mainResults: s(f.mainResults),
    diagnosisText: s(f.diagnosisText),
    diagnoses: (f.diagnoses ?? []).map((d) => ({ icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain })),
    procedures: (f.procedures ?? []).map((p) => ({ name: p.name, startAt: s(p.startAt), endAt: s(p.endAt) })),
    treatment: s(f.treatment),
    medicines: (f.medicines ?? []).join('\n'),
    stateAtTransfer: s(f.stateAtTransfer),
    treatmentDirection: s(f.treatmentDirection),
    transferAt: s(f.transferAt),
    transport: s(f.transport),
    escortName: s(f.escortName),
    escortTitle: s(f.escortTitle),
    validOneYear: f.validOneYear ?? false,
    physicianName: s(f.physicianName),
    physicianTitle: s(f.physicianTitle),
    physicianLicense: s(f.physicianLicense),
    note: '',
  };
}

/** The API input; empty text stays '' (the contract turns it into "none"). */
export function fieldsInputOf(v: ReferralFormValues): ReferralFieldsInput {
  return {
    destinationId: v.destinationId,
    formVersion: v.formVersion,
    reason: v.reason,
    recordNumber: v.recordNumber,
    workplace: v.workplace,
    priorCare: v.priorCare.filter((c) => c.place.trim()).map((c) => ({ place: c.place, level: c.level, from: c.from, to: c.to })),
    clinicalSigns: v.clinicalSigns,
    diseaseCourse: v.diseaseCourse,
    mainResults: v.mainResults,
    diagnosisText: v.diagnosisText,
    diagnoses: v.diagnoses,
    procedures: v.procedures.filter((p) => p.name.trim()).map((p) => ({ name: p.name, startAt: p.startAt, endAt: p.endAt })),
    treatment: v.treatment,
    medicines: v.medicines.split('\n').map((m) => m.trim()).filter(Boolean),
    stateAtTransfer: v.stateAtTransfer,
    treatmentDirection: v.treatmentDirection,
    transferAt: v.transferAt,
    transport: v.transport,
    escortName: v.escortName,
    escortTitle: v.escortTitle,
    validOneYear: v.validOneYear,
    physicianName: v.physicianName,
    physicianTitle: v.physicianTitle,
    physicianLicense: v.physicianLicense,
  };
}
