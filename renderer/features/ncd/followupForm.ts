import type { ProcedureInput } from '../../../shared/contract/index.js';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { bpMean, toMgdl, type GlucoseType, type GlucoseUnit } from '../../../shared/ncd/measures.js';
import { NCD_FIELD_KEYS, type NcdExtraField, type NcdField, type NcdProgram } from '../../../shared/ncd/program-schema.js';
import { addDays } from '../../../shared/visits/station-date.js';

/**
 * The fast follow-up form's values. Paths match the procedure's input (`bp1.systolic`, `glucose.value`,
 * `medicines.0.quantity`…), so the backend's field messages land on the right input. Numbers are '' while empty;
 * dates are typed dd/mm/yyyy.
 */
type Num = number | '';
export interface BpValues {
  systolic: Num;
  diastolic: Num;
}
export interface DispensedValue {
  medicineId: string | null;
  name: string;
  unit: string;
  quantity: Num;
  days: Num;
}
export interface FollowupFormValues {
  date: string;
  bp1: BpValues;
  bp2: BpValues;
  pulse: Num;
  weightKg: Num;
  glucose: { value: Num; unit: GlucoseUnit; type: GlucoseType };
  hba1c: Num;
  symptoms: string;
  adherence: '' | 'good' | 'partial' | 'poor';
  complications: string;
  medicines: DispensedValue[];
  nextAppointment: string;
  /** The program's own fields (program.extraFields: peak flow, seizures…), by key; '' = not entered. */
  extra: Record<string, number | string | boolean>;
}

/** Program fields as the form uses them: which standard fields to show, and the program's own fields in order. */
export function programFields(program: Pick<NcdProgram, 'fields' | 'extraFields'> | undefined): { has: (f: NcdField) => boolean; extra: readonly NcdExtraField[] } {
  const set = new Set<NcdField>(program?.fields ?? NCD_FIELD_KEYS);
  return { has: (f) => set.has(f), extra: program?.extraFields ?? [] };
}

/** Glucose meters sold in Viet Nam read mmol/L, so that is the unit offered first. */
export function emptyFollowup(today: string, intervalDays: number): FollowupFormValues {
  return {
    date: formatDateVi(today),
    bp1: { systolic: '', diastolic: '' },
    bp2: { systolic: '', diastolic: '' },
    pulse: '',
    weightKg: '',
    glucose: { value: '', unit: 'mmol_l', type: 'fasting' },
    hba1c: '',
    symptoms: '',
    adherence: '',
    complications: '',
    medicines: [],
    nextAppointment: formatDateVi(addDays(today, intervalDays)),
    extra: {},
  };
}

/** A complete BP reading, or null while half typed. */
export const bpReading = (v: BpValues) => (v.systolic === '' || v.diastolic === '' ? null : { systolic: v.systolic, diastolic: v.diastolic });
const bpOf = bpReading;
const orNull = (v: Num) => (v === '' ? null : v);

/** The live mean of the readings typed so far (null until one reading is complete). */
export function liveMean(v: Pick<FollowupFormValues, 'bp1' | 'bp2'>) {
  return bpMean([bpOf(v.bp1), bpOf(v.bp2)]);
}

/** The glucose typed, in mg/dL (the unit of the bands), or null. */
export function glucoseMgdl(v: Pick<FollowupFormValues, 'glucose'>): number | null {
  return v.glucose.value === '' ? null : toMgdl(v.glucose.value, v.glucose.unit);
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * What the form can tell before sending: a half-typed BP pair, an unreadable date. Readings out of range are left
 * to the backend (shared/ncd/plausibility.ts), whose messages come back per field.
 */
export function followupFormErrors(v: FollowupFormValues, t: T): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const name of ['bp1', 'bp2'] as const) {
    const { systolic, diastolic } = v[name];
    if (systolic === '' && diastolic !== '') errors[`${name}.systolic`] = t('v.required');
    if (systolic !== '' && diastolic === '') errors[`${name}.diastolic`] = t('v.required');
  }
  if (!parseDateVi(v.date)) errors.date = t('v.date');
  if (v.nextAppointment.trim() && !parseDateVi(v.nextAppointment)) errors.nextAppointment = t('v.date');
  v.medicines.forEach((m, i) => {
    if (m.quantity === '') errors[`medicines.${i}.quantity`] = t('v.required');
    if (m.days === '') errors[`medicines.${i}.days`] = t('v.required');
  });
  return errors;
}

export type RecordFollowupInput = ProcedureInput<'ncd.recordFollowup'>;

/** The procedure input; only the fields the program shows are sent. */
export function followupInputOf(enrollmentId: string, v: FollowupFormValues, fields: ReturnType<typeof programFields>): RecordFollowupInput {
  const input: RecordFollowupInput = {
    enrollmentId,
    date: parseDateVi(v.date) ?? undefined,
    nextAppointment: v.nextAppointment.trim() ? parseDateVi(v.nextAppointment) : null,
    medicines: [],
  };
  if (fields.has('bp')) {
    input.bp1 = bpOf(v.bp1);
    input.bp2 = bpOf(v.bp2);
  }
  if (fields.has('pulse')) input.pulse = orNull(v.pulse);
  if (fields.has('weight')) input.weightKg = orNull(v.weightKg);
  if (fields.has('glucose')) input.glucose = v.glucose.value === '' ? null : { value: v.glucose.value, unit: v.glucose.unit, type: v.glucose.type };
  if (fields.has('hba1c')) input.hba1c = orNull(v.hba1c);
  if (fields.has('symptoms')) input.symptoms = v.symptoms;
  if (fields.has('adherence')) input.adherence = v.adherence || null;
  if (fields.has('complications')) input.complications = v.complications;
  if (fields.has('medicines')) {
    input.medicines = v.medicines.map((m) => ({ medicineId: m.medicineId, name: m.name, unit: m.unit, quantity: m.quantity === '' ? 0 : m.quantity, days: m.days === '' ? 0 : m.days }));
  }
  input.extra = Object.fromEntries(fields.extra.map((f) => [f.key, v.extra[f.key]]).filter(([, x]) => x !== '' && x !== undefined));
  return input;
}
