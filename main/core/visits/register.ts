import type { RegisterRow, Vitals } from '../../../shared/contract/visits.js';
import { formatDateVi } from '../../../shared/dates.js';
import { translate, type Locale } from '../../../shared/i18n/index.js';
import { ethnicityName } from '../../../shared/reference/ethnicities.js';
import type { Station } from '../station.js';
import { registerSource } from './register-query.js';
import { medicineLine } from './views.js';

/**
 * The visit register (sổ khám bệnh, register A1/CSYT of TT 23/2025/TT-BYT): order number, full name, sex, date of
 * birth, identity document, BHYT card, address, ethnicity, occupation, symptoms, diagnosis, treatment, examining
 * doctor, notes — plus vital signs and medicines.
 */
export function registerRows(station: Station, from: string, to: string, locale: Locale): RegisterRow[] {
  const owner = station.facilityCode();
  if (!owner) return [];
  const source = registerSource(station.sqlite, owner, from, to);
  const labels = noteLabels(locale);
  return source.visits.map((visit, i) => {
    const [key, id, visitDate, reason, insured, bhytCardCode, status, examinerName, pulse, temperature, systolic, diastolic, respiratoryRate, weightKg, heightCm, spo2, waistCm, symptoms, treatment, returnDate, fullName, sex, birthDate, cccd, currentAddress, permanentAddress, householdAddressLine, hamletId, ethnicityCode, occupation] = visit;
    const dx = (source.diagnoses.get(key) ?? []).map((d) => ({ icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain }));
    const vitals: Vitals = { pulse, temperature, systolic, diastolic, respiratoryRate, weightKg, heightCm, spo2, waistCm };
    const hamletName = hamletId ? source.hamletNames.get(hamletId) : undefined;
    const householdAddress = householdAddressLine ? [householdAddressLine, hamletName].filter(Boolean).join(', ') : null;
    return {
      visitId: id,
      orderNumber: i + 1,
      visitDate,
      fullName: fullName ?? '',
      sex: sex ?? 'M',
      birthDate: birthDate ?? '',
      identityDocument: cccd,
      bhytCardCode,
      address: currentAddress || householdAddress || permanentAddress,
      ethnicity: fullName === null ? null : ethnicityName(ethnicityCode) || null,
      occupation,
      symptoms: symptoms ?? reason,
      diagnosis: dx.map((d) => `${d.icdCode} - ${d.icdName}`).join('; '),
      diagnoses: dx,
      treatment,
      examinerName,
      notes: registerNotes({ status, returnDate, insured: insured === 1 }, labels),
      vitals,
      medicines: (source.medicines.get(key) ?? []).map(medicineLine).join('; '),
      status: status as RegisterRow['status'],
    };
  });
}

/** The register's fixed note texts in the caller's language, looked up once per register (10,000 rows a month). */
function noteLabels(locale: Locale) {
  return {
    referred: translate(locale, 'visits.status.referred'),
    unfinished: translate(locale, 'visits.register.unfinished'),
    uninsured: translate(locale, 'visits.register.uninsured'),
    returnOn: (date: string) => translate(locale, 'visits.register.returnOn', { date: formatDateVi(date) }),
  };
}

function registerNotes(r: { status: string; returnDate: string | null; insured: boolean }, labels: ReturnType<typeof noteLabels>): string {
  const notes: string[] = [];
  if (r.status === 'referred') notes.push(labels.referred);
  if (r.status === 'waiting' || r.status === 'in_exam') notes.push(labels.unfinished);
  if (r.returnDate) notes.push(labels.returnOn(r.returnDate));
  if (!r.insured) notes.push(labels.uninsured);
  return notes.join('; ');
}
