import type { Person, PersonFields } from '../../../shared/contract/persons.js';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import type { CardPayload } from '../../../shared/identifiers/cards.js';
import { checkCccd, type CccdCheck } from '../../../shared/identifiers/cccd.js';
import { birthYearOf, isValidBirthDate } from '../../../shared/persons/age.js';
import { parseBirthInput, todayIso } from './format.js';

/** The registration form's values: everything as typed (dates dd/mm/yyyy), converted on save. */
export interface PersonFormValues {
  fullName: string;
  sex: 'M' | 'F' | null;
  birthDate: string;
  ethnicityCode: string;
  nationality: string;
  religion: string;
  occupation: string;
  bloodAbo: string | null;
  bloodRh: string | null;
  cccd: string;
  cccdIssueDate: string;
  cccdIssuePlace: string;
  bhxhNumber: string;
  bhytCardCode: string;
  bhytBenefitLevel: string | null;
  bhytValidFrom: string;
  bhytValidTo: string;
  bhytRegistrationFacility: string;
  birthProvince: string;
  permanentAddress: string;
  currentAddress: string;
  phone: string;
  phone2: string;
  email: string;
  motherName: string;
  fatherName: string;
  carerName: string;
  carerRelation: string;
  carerPhone: string;
  note: string;
}

export function emptyPersonValues(): PersonFormValues {
  return {
    fullName: '', sex: null, birthDate: '', ethnicityCode: '01', nationality: 'Việt Nam', religion: '', occupation: '',
    bloodAbo: null, bloodRh: null, cccd: '', cccdIssueDate: '', cccdIssuePlace: '', bhxhNumber: '', bhytCardCode: '',
    bhytBenefitLevel: null, bhytValidFrom: '', bhytValidTo: '', bhytRegistrationFacility: '', birthProvince: '',
    permanentAddress: '', currentAddress: '', phone: '', phone2: '', email: '', motherName: '', fatherName: '',
    carerName: '', carerRelation: '', carerPhone: '', note: '',
  };
}

export function valuesFromPerson(p: Person): PersonFormValues {
  const s = (v: string | null | undefined) => v ?? '';
  return {
    fullName: p.fullName, sex: p.sex, birthDate: formatDateVi(p.birthDate), ethnicityCode: p.ethnicityCode ?? '01',
    nationality: p.nationality ?? 'Việt Nam', religion: s(p.religion), occupation: s(p.occupation), bloodAbo: p.bloodAbo ?? null,
    bloodRh: p.bloodRh ?? null, cccd: s(p.cccd), cccdIssueDate: formatDateVi(p.cccdIssueDate), cccdIssuePlace: s(p.cccdIssuePlace),
    bhxhNumber: s(p.bhxhNumber), bhytCardCode: s(p.bhytCardCode), bhytBenefitLevel: p.bhytBenefitLevel ? String(p.bhytBenefitLevel) : null,
    bhytValidFrom: formatDateVi(p.bhytValidFrom), bhytValidTo: formatDateVi(p.bhytValidTo),
    bhytRegistrationFacility: s(p.bhytRegistrationFacility), birthProvince: s(p.birthProvince),
    permanentAddress: s(p.permanentAddress), currentAddress: s(p.currentAddress), phone: s(p.phone), phone2: s(p.phone2),
    email: s(p.email), motherName: s(p.motherName), fatherName: s(p.fatherName), carerName: s(p.carerName),
    carerRelation: s(p.carerRelation), carerPhone: s(p.carerPhone), note: s(p.note),
  };
}

/** What a scanned card says, as form values to merge over the current ones (never authoritative: the user checks). */
export function valuesFromCard(card: CardPayload): Partial<PersonFormValues> {
  if (card.kind === 'cccd') {
    return {
      fullName: card.fullName, sex: card.sex, birthDate: formatDateVi(card.birthDate), cccd: card.cccd,
      ...(card.issueDate ? { cccdIssueDate: formatDateVi(card.issueDate) } : {}),
      ...(card.address ? { permanentAddress: card.address } : {}),
    };
  }
  if (card.kind === 'bhyt') {
    return {
      fullName: card.fullName, sex: card.sex, birthDate: formatDateVi(card.birthDate),
      ...(card.socialInsuranceNumber ? { bhxhNumber: card.socialInsuranceNumber } : {}),
      ...(card.cardCode ? { bhytCardCode: card.cardCode } : {}),
      ...(card.benefitLevel ? { bhytBenefitLevel: String(card.benefitLevel) } : {}),
      ...(card.validFrom ? { bhytValidFrom: formatDateVi(card.validFrom) } : {}),
      ...(card.validTo ? { bhytValidTo: formatDateVi(card.validTo) } : {}),
      ...(card.registrationFacility ? { bhytRegistrationFacility: card.registrationFacility } : {}),
      ...(card.address ? { permanentAddress: card.address } : {}),
      ...(card.guardianName ? { carerName: card.guardianName } : {}),
    };
  }
  return {};
}

const DATE_FIELDS = ['cccdIssueDate', 'bhytValidFrom', 'bhytValidTo'] as const;
const PHONE = /^[0-9+ .]{8,15}$/;

/** Client-side checks with the same rules as the contract; keys are i18n message keys. */
export function validatePersonValues(v: PersonFormValues, today = todayIso()): Partial<Record<keyof PersonFormValues, MessageKey>> {
  const e: Partial<Record<keyof PersonFormValues, MessageKey>> = {};
  if (!v.fullName.trim()) e.fullName = 'v.required';
  if (!v.sex) e.sex = 'v.required';
  const birth = parseBirthInput(v.birthDate);
  if (!v.birthDate.trim()) e.birthDate = 'v.required';
  else if (!birth) e.birthDate = 'v.birthDate';
  else if (!isValidBirthDate(birth, today)) e.birthDate = 'v.birthDateRange';
  if (v.cccd.trim()) {
    const c = checkCccd(v.cccd.trim());
    if (c.problems.includes('not_12_digits')) e.cccd = 'v.cccd';
    else if (c.problems.length) e.cccd = 'v.cccdPrefix';
  }
  if (v.bhxhNumber.trim() && !/^\d{10}$/.test(v.bhxhNumber.trim())) e.bhxhNumber = 'v.bhxh';
  if (v.bhytCardCode.trim() && !/^[A-Za-z]{2}\d{13}$/.test(v.bhytCardCode.trim())) e.bhytCardCode = 'v.bhytCard';
  if (v.bhytRegistrationFacility.trim() && !/^[A-Za-z0-9]{5}$/.test(v.bhytRegistrationFacility.trim())) e.bhytRegistrationFacility = 'v.facilityCode';
  for (const f of DATE_FIELDS) if (v[f].trim() && !parseDateVi(v[f])) e[f] = 'v.date';
  const from = parseDateVi(v.bhytValidFrom);
  const to = parseDateVi(v.bhytValidTo);
  if (from && to && to < from) e.bhytValidTo = 'v.bhytValidity';
  for (const f of ['phone', 'phone2', 'carerPhone'] as const) if (v[f].trim() && !PHONE.test(v[f].trim())) e[f] = 'v.phone';
  if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) e.email = 'v.email';
  return e;
}

/** Live CCCD check against the sex and year of birth typed so far (null when the field is empty). */
export function cccdCheckOf(v: Pick<PersonFormValues, 'cccd' | 'sex' | 'birthDate'>): CccdCheck | null {
  const n = v.cccd.trim();
  if (!n) return null;
  const birth = parseBirthInput(v.birthDate);
  return checkCccd(n, { ...(v.sex ? { sex: v.sex } : {}), ...(birth ? { birthYear: birthYearOf(birth) ?? undefined } : {}) });
}

/** Form values → the contract's section A fields (call after validatePersonValues passed). */
export function toPersonFields(v: PersonFormValues): PersonFields {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  const date = (s: string) => (s.trim() ? parseDateVi(s) ?? undefined : undefined);
  return {
    fullName: v.fullName.normalize('NFC').replace(/\s+/g, ' ').trim(),
    sex: v.sex ?? 'M',
    birthDate: parseBirthInput(v.birthDate) ?? v.birthDate,
    ethnicityCode: v.ethnicityCode || '01',
    nationality: v.nationality.trim() || 'Việt Nam',
    religion: opt(v.religion),
    occupation: opt(v.occupation),
    bloodAbo: (v.bloodAbo ?? undefined) as PersonFields['bloodAbo'],
    bloodRh: (v.bloodRh ?? undefined) as PersonFields['bloodRh'],
    cccd: opt(v.cccd.replace(/[\s.-]/g, '')),
    cccdIssueDate: date(v.cccdIssueDate),
    cccdIssuePlace: opt(v.cccdIssuePlace),
    bhxhNumber: opt(v.bhxhNumber),
    bhytCardCode: opt(v.bhytCardCode.toUpperCase()),
    bhytBenefitLevel: v.bhytBenefitLevel ? Number(v.bhytBenefitLevel) : undefined,
    bhytValidFrom: date(v.bhytValidFrom),
    bhytValidTo: date(v.bhytValidTo),
    bhytRegistrationFacility: opt(v.bhytRegistrationFacility.toUpperCase()),
    birthProvince: opt(v.birthProvince),
    permanentAddress: opt(v.permanentAddress),
    currentAddress: opt(v.currentAddress),
    phone: opt(v.phone),
    phone2: opt(v.phone2),
    email: opt(v.email),
    motherName: opt(v.motherName),
    fatherName: opt(v.fatherName),
    carerName: opt(v.carerName),
    carerRelation: opt(v.carerRelation),
    carerPhone: opt(v.carerPhone),
    note: opt(v.note),
  };
}
