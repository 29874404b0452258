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
  return source.visits.map((r, i) => {
    const dx = (source.diagnoses.get(r.key) ?? []).map((d) => ({ icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain }));
    const vitals: Vitals = {
      pulse: r.pulse,
      temperature: r.temperature,
      systolic: r.systolic,
      diastolic: r.diastolic,
      respiratoryRate: r.respiratoryRate,
      weightKg: r.weightKg,
      heightCm: r.heightCm,
      spo2: r.spo2,
      waistCm: r.waistCm,
    };
    const hamletName = r.hamletId ? source.hamletNames.get(r.hamletId) : undefined;
    const householdAddress = r.householdAddress ? [r.householdAddress, hamletName].filter(Boolean).join(', ') : null;
    return {
      visitId: r.id,
      orderNumber: i + 1,
      visitDate: r.visitDate,
      fullName: r.fullName ?? '',
      sex: r.sex ?? 'M',
      birthDate: r.birthDate ?? '',
      identityDocument: r.cccd,
      bhytCardCode: r.bhytCardCode,
      address: r.currentAddress || householdAddress || r.permanentAddress,
      ethnicity: r.fullName === null ? null : ethnicityName(r.ethnicityCode) || null,
      occupation: r.occupation,
      symptoms: r.symptoms ?? r.reason,
      diagnosis: dx.map((d) => `${d.icdCode} - ${d.icdName}`).join('; '),
      diagnoses: dx,
      treatment: r.treatment,
      examinerName: r.examinerName,
      notes: registerNotes({ status: r.status, returnDate: r.returnDate, insured: r.insured === 1 }, labels),
      vitals,
      medicines: (source.medicines.get(r.key) ?? []).map(medicineLine).join('; '),
      status: r.status as RegisterRow['status'],
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
