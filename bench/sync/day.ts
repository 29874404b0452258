import type { ProcedureInput } from '../../shared/contract/index.js';
import { lastSeq, type OpenStation } from './station.js';

/**
 * A day's work at a commune station, made through the real core procedures (as the staff would, signed in as the
 * administrator): a new family moving in, a newborn, corrections of a few people's details (phone, BHYT card),
 * health-record sections updated, and patients received and examined (vital signs, ICD-10 diagnoses, prescriptions)
 * until about `target` rows have changed — one change-log entry each, what the next sync has to carry.
 */
export interface DayOfWork {
  /** change_log seq before the day (the CouchDB comparison starts its documents from here). */
  fromSeq: number;
  toSeq: number;
  changes: number;
  visits: number;
  summary: string;
}

const COMPLAINTS = [
  { code: 'J06.9', reason: 'Sốt, ho, đau họng 2 ngày', findings: 'Họng đỏ, amidan không sưng', advice: 'Uống nhiều nước, tái khám nếu sốt cao' },
  { code: 'I10', reason: 'Khám định kỳ tăng huyết áp', findings: 'Tim đều, phổi không ran', advice: 'Ăn nhạt, uống thuốc đều' },
  { code: 'K29.7', reason: 'Đau thượng vị, ợ chua', findings: 'Ấn đau nhẹ vùng thượng vị', advice: 'Ăn đúng bữa, tránh rượu bia' },
  { code: 'M54.5', reason: 'Đau lưng sau lao động', findings: 'Co cứng cơ cạnh sống thắt lưng', advice: 'Nghỉ ngơi, chườm ấm' },
] as const;

export async function dayOfWork(s: OpenStation, target = 300): Promise<DayOfWork> {
  const sqlite = s.backend.station.sqlite;
  const fromSeq = lastSeq(s);
  const people = sqlite.prepare("SELECT id FROM persons WHERE status = 'active' AND deleted = 0 ORDER BY id").pluck().all() as string[];
  const adults = sqlite.prepare("SELECT id FROM persons WHERE status = 'active' AND deleted = 0 AND birth_date < '2000' ORDER BY id").pluck().all() as string[];
  // Whether visits.receive may mark the visit insured (a card valid today).
  const today = new Date().toISOString().slice(0, 10);
  const hasCard = sqlite.prepare('SELECT bhyt_card_code IS NOT NULL AND (bhyt_valid_to IS NULL OR bhyt_valid_to >= ?) AS ok FROM persons WHERE id = ?').pluck();
  const spread = (list: string[], i: number, of: number) => list[Math.floor(((i + 0.5) * list.length) / of)]!;
  const pick = (i: number, of: number) => spread(people, i, of);
  const { hamlets } = await s.call('hamlets.list', {});
  const medicines = (await s.call('catalog.medicineList', { limit: 200 })).items.filter((m) => m.active !== false).slice(0, 12);
  const icd = new Map<string, { code: string; name: string }>();
  for (const c of COMPLAINTS) {
    const item = (await s.call('catalog.icdSearch', { q: c.code, limit: 5 })).items.find((i) => i.code === c.code);
    if (item) icd.set(c.code, item);
  }
  if (medicines.length === 0 || icd.size === 0) throw new Error('the benchmark station has no medicines or ICD-10 catalogue');

  // A family moving in (household + head + wife), a newborn in an existing household.
  const moved = await s.call('households.create', {
    hamletId: hamlets[0]!.id,
    address: 'Số 5, ngõ 3, thôn mới',
    head: { fullName: 'Lê Văn Chuyển', sex: 'M', birthDate: '1988-04-02', ethnicityCode: '01', nationality: 'Việt Nam', phone: '0912345678' },
    confirmNotDuplicate: true,
  } as ProcedureInput<'households.create'>);
  await s.call('persons.register', {
    householdId: moved.household.id,
    relationToHead: 'spouse',
    person: { fullName: 'Phạm Thị Đến', sex: 'F', birthDate: '1990-09-15', ethnicityCode: '01', nationality: 'Việt Nam' },
    movedInFrom: 'Xã Quảng Yên',
    confirmNotDuplicate: true,
  } as ProcedureInput<'persons.register'>);
  await s.call('persons.register', {
    householdId: moved.household.id,
    relationToHead: 'child',
    person: { fullName: 'Lê Bảo Ngọc', sex: 'F', birthDate: '2026-11-01', ethnicityCode: '01', nationality: 'Việt Nam' },
    confirmNotDuplicate: true,
  } as ProcedureInput<'persons.register'>);

  // Corrections at the desk: a new phone number, a renewed BHYT card.
  for (let i = 0; i < 8; i++) {
    const { person } = await s.call('persons.get', { id: pick(i, 8) });
    const phone = `09${String(10_000_000 + i * 7919).slice(0, 8)}`;
    await s.call('persons.update', { id: person.id, person: { ...person, phone }, confirmCccdWarnings: true, confirmNotDuplicate: true } as ProcedureInput<'persons.update'>);
  }
  // Health-record section B: risk factors noted during home visits.
  for (let i = 0; i < 6; i++) {
    await s.call('healthRecord.updateSection', {
      personId: pick(i + 20, 40),
      section: 'riskFactors',
      value: { tobacco: i % 2 ? 'regular' : 'no', alcoholRegular: i % 3 === 0, physicalActivity: 'sometimes', latrine: 'flush' },
    } as ProcedureInput<'healthRecord.updateSection'>);
  }

  // Patients until about `target` rows changed.
  let visits = 0;
  while (lastSeq(s) - fromSeq < target - 4 && visits < 200) {
    const c = COMPLAINTS[visits % COMPLAINTS.length]!;
    const dx = icd.get(c.code) ?? [...icd.values()][0]!;
    const personId = spread(adults, visits, 90);
    const insured = visits % 5 !== 0 && hasCard.get(today, personId) === 1;
    const { visit } = await s.call('visits.receive', { personId, reason: c.reason, insured });
    const items = [0, 1, 2].slice(0, 2 + (visits % 2)).map((k) => medicines[(visits + k * 5) % medicines.length]!);
    await s.call('visits.save', {
      id: visit.id,
      vitals: { pulse: 72 + (visits % 15), temperature: 36.6 + (visits % 3) * 0.5, systolic: 118 + (visits % 30), diastolic: 74 + (visits % 12), weightKg: 52 + (visits % 20) },
      symptoms: c.reason,
      findings: c.findings,
      diagnoses: [{ icdCode: dx.code, icdName: dx.name, isMain: true }],
      prescription: items.map((m) => ({ medicineId: m.id, medicineName: m.name, strength: m.strength ?? undefined, unit: m.unit, dose: '1 viên x 2 lần/ngày', quantity: 10, days: 5, instructions: 'Uống sau ăn' })),
      advice: c.advice,
      finish: true,
      outcome: 'finished',
    } as ProcedureInput<'visits.save'>);
    visits++;
  }
  const toSeq = lastSeq(s);
  return {
    fromSeq,
    toSeq,
    changes: toSeq - fromSeq,
    visits,
    summary: `a family of 3 moving in, 8 people's details corrected, 6 health-record sections, ${visits} patients examined (diagnosis, 2–3 medicines each)`,
  };
}
