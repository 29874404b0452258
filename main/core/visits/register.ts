import type { RegisterRow, Vitals } from '../../../shared/contract/visits.js';
import { formatDateVi } from '../../../shared/dates.js';
import { translate, type Locale } from '../../../shared/i18n/index.js';
import { ethnicityName } from '../../../shared/reference/ethnicities.js';
import type { Station } from '../station.js';
import { diagnosesOf, personInfos, prescriptionsOf, visitsInRange } from './repo.js';
import { medicineLine } from './views.js';

/**
 * The visit register (sổ khám bệnh, register A1/CSYT of TT 23/2025/TT-BYT): order number, full name, sex, date of
 * birth, identity document, BHYT card, address, ethnicity, occupation, symptoms, diagnosis, treatment, examining
 * doctor, notes — plus vital signs and medicines.
 */
export function registerRows(station: Station, from: string, to: string, locale: Locale): RegisterRow[] {
  const owner = station.facilityCode();
  const rows = owner ? visitsInRange(station.db, owner, from, to) : [];
  const ids = rows.map((r) => r.id);
  const people = personInfos(station.sqlite, rows.map((r) => r.personId));
  const diagnoses = diagnosesOf(station.db, ids);
  const items = prescriptionsOf(station.db, ids);
  return rows.map((r, i) => {
    const p = people.get(r.personId);
    const dx = (diagnoses.get(r.id) ?? []).map((d) => ({ icdCode: d.icdCode, icdName: d.icdName, isMain: d.isMain }));
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
    return {
      visitId: r.id,
      orderNumber: i + 1,
      visitDate: r.visitDate,
      fullName: p?.fullName ?? '',
      sex: p?.sex ?? 'M',
      birthDate: p?.birthDate ?? '',
      identityDocument: p?.cccd ?? null,
      bhytCardCode: r.bhytCardCode,
      address: p?.address ?? null,
      ethnicity: p ? ethnicityName(p.ethnicityCode) || null : null,
      occupation: p?.occupation ?? null,
      symptoms: r.symptoms ?? r.reason,
      diagnosis: dx.map((d) => `${d.icdCode} - ${d.icdName}`).join('; '),
      diagnoses: dx,
      treatment: r.treatment,
      examinerName: r.examinerName,
      notes: registerNotes(r, locale),
      vitals,
      medicines: (items.get(r.id) ?? []).map(medicineLine).join('; '),
      status: r.status,
    };
  });
}

function registerNotes(r: { status: string; returnDate: string | null; insured: boolean }, locale: Locale): string {
  const notes: string[] = [];
  if (r.status === 'referred') notes.push(translate(locale, 'visits.status.referred'));
  if (r.status === 'waiting' || r.status === 'in_exam') notes.push(translate(locale, 'visits.register.unfinished'));
  if (r.returnDate) notes.push(translate(locale, 'visits.register.returnOn', { date: formatDateVi(r.returnDate) }));
  if (!r.insured) notes.push(translate(locale, 'visits.register.uninsured'));
  return notes.join('; ');
}
