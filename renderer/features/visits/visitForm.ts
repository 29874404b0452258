import type { ProcedureInput } from '../../../shared/contract/index.js';
import { VITAL_KEYS, type Visit, type Vitals } from '../../../shared/contract/visits.js';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { checkVisitRecord } from '../../../shared/visits/plausibility.js';

/** The visit form's values: numbers may be '' while empty, dates are typed dd/mm/yyyy. */
export type VitalsValues = Record<keyof Vitals, number | ''>;
export interface DiagnosisValue {
  icdCode: string;
  icdName: string;
  isMain: boolean;
}
export interface PrescriptionValue {
  medicineId: string | null;
  medicineName: string;
  strength: string;
  unit: string;
  dose: string;
  quantity: number | '';
  days: number | '';
  instructions: string;
}
export interface VisitFormValues {
  vitals: VitalsValues;
  symptoms: string;
  history: string;
  findings: string;
  diagnoses: DiagnosisValue[];
  prescription: PrescriptionValue[];
  treatment: string;
  advice: string;
  returnDate: string;
}

const num = (v: number | null | undefined): number | '' => (v === null || v === undefined ? '' : v);
const orNull = (v: number | '' | string): number | null => (v === '' || typeof v === 'string' ? null : v);

export function formValuesOf(visit: Visit): VisitFormValues {
  const vitals = Object.fromEntries(VITAL_KEYS.map((k) => [k, num(visit.vitals[k])])) as VitalsValues;
  return {
    vitals,
    symptoms: visit.symptoms ?? '',
    history: visit.history ?? '',
    findings: visit.findings ?? '',
    diagnoses: visit.diagnoses.map(({ icdCode, icdName, isMain }) => ({ icdCode, icdName, isMain })),
    prescription: visit.prescription.map((p) => ({
      medicineId: p.medicineId,
      medicineName: p.medicineName,
      strength: p.strength ?? '',
      unit: p.unit,
      dose: p.dose ?? '',
      quantity: p.quantity,
      days: p.days,
      instructions: p.instructions ?? '',
    })),
    treatment: visit.treatment ?? '',
    advice: visit.advice ?? '',
    returnDate: formatDateVi(visit.returnDate),
  };
}

export function vitalsOf(values: VitalsValues): Vitals {
  return Object.fromEntries(VITAL_KEYS.map((k) => [k, orNull(values[k])])) as Vitals;
}

export type SaveInput = ProcedureInput<'visits.save'>;

/** The procedure input; `null` for the return date when it cannot be read (the form shows the error). */
export function saveInputOf(id: string, v: VisitFormValues): SaveInput {
  return {
    id,
    vitals: vitalsOf(v.vitals),
    symptoms: v.symptoms,
    history: v.history,
    findings: v.findings,
    diagnoses: v.diagnoses,
    prescription: v.prescription.map((p) => ({
      medicineId: p.medicineId,
      medicineName: p.medicineName,
      strength: p.strength,
      unit: p.unit,
      dose: p.dose,
      quantity: p.quantity === '' ? 0 : p.quantity,
      days: p.days === '' ? 0 : p.days,
      instructions: p.instructions,
    })),
    treatment: v.treatment,
    advice: v.advice,
    returnDate: v.returnDate.trim() ? parseDateVi(v.returnDate) : null,
  };
}

/**
 * The same rules the server applies (shared/visits/plausibility.ts), as form errors keyed by field path, so the
 * messages appear next to the fields before anything is sent.
 */
export function visitFormErrors(
  values: VisitFormValues,
  ctx: { birthDate: string; visitDate: string },
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const input = saveInputOf('', values);
  if (values.returnDate.trim() && !input.returnDate) errors.returnDate = t('v.date');
  for (const issue of checkVisitRecord({ ...input, returnDate: input.returnDate, prescription: input.prescription }, ctx)) {
    errors[issue.path] ??= t(issue.key as MessageKey, issue.params);
  }
  values.prescription.forEach((p, i) => {
    if (!p.unit.trim()) errors[`prescription.${i}.unit`] = t('v.required');
  });
  return errors;
}
