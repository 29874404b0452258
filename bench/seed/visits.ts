import { contract, isProcedureName, type ProcedureInput } from '../../shared/contract/index.js';
import type { IcdItem, Medicine } from '../../shared/contract/catalog.js';
import { handlers } from '../../main/core/handlers.js';
import { ncdCareFrom } from './ncd.js';
import { addDaysIso, ageOn, dayMs, isoDay, localTime } from './population.js';
import type { Rng } from './rng.js';
import type { Condition, PersonPlan, Shape, Task, TaskEnv, World } from './types.js';

/**
 * Two years of visits (lượt khám) with ICD-10 diagnoses and prescriptions: received at the desk by the clerk
 * (`visits.receive`, which gives the day's queue number), examined and finished by a physician or nurse 10–40
 * minutes later (`visits.save`). Acute complaints follow age and season (respiratory infections in the cold months,
 * diarrhoea and dengue in the hot, rainy ones); people with hypertension, diabetes, asthma or COPD come back every
 * one to three months. Diagnosis names come from the station's ICD-10 catalogue; medicines from its list (the
 * shipped starter list is imported first).
 */

interface MedSpec {
  code: string;
  /** For children under 6, when the form differs (sachets). */
  childCode?: string;
  perDay: number;
  days: readonly [number, number];
  dose: string;
  instructions?: string;
}

interface Complaint {
  code: string;
  reasons: readonly string[];
  findings: readonly string[];
  ages: readonly [number, number];
  weight: number;
  season?: 'cold' | 'hot';
  sex?: 'F';
  fever?: boolean;
  respiratory?: boolean;
  meds: readonly MedSpec[];
  treatment: string;
  advice: readonly string[];
  referRate?: number;
  returnDays?: number;
}

const PARA: MedSpec = { code: 'PARA500', childCode: 'PARA250G', perDay: 3, days: [3, 3], dose: '1 viên/lần, 3 lần/ngày khi sốt hoặc đau', instructions: 'Uống sau ăn, cách nhau ít nhất 6 giờ' };
const AMOX: MedSpec = { code: 'AMOX500', childCode: 'AMOX250G', perDay: 3, days: [5, 7], dose: '1 viên/lần, 3 lần/ngày', instructions: 'Uống đủ liều' };
const CHLOR: MedSpec = { code: 'CHLOR4', perDay: 2, days: [3, 5], dose: '1 viên/lần, 2 lần/ngày', instructions: 'Có thể gây buồn ngủ' };

/** Common complaints at a commune health station, with their ICD-10 codes, typical medicines and advice. */
export const COMPLAINTS: readonly Complaint[] = [
  { code: 'J06.9', reasons: ['Sốt, ho, sổ mũi', 'Ho, đau họng, sổ mũi', 'Sốt nhẹ, ho khan'], findings: ['Họng đỏ, phổi không ran', 'Mũi xung huyết, phổi thông khí tốt'], ages: [0, 99], weight: 22, season: 'cold', fever: true, respiratory: true, meds: [PARA, CHLOR], treatment: 'Hạ sốt, kháng histamin', advice: ['Uống nhiều nước, giữ ấm', 'Tái khám nếu sốt cao trên 3 ngày'] },
  { code: 'J00', reasons: ['Sổ mũi, hắt hơi', 'Ngạt mũi, chảy nước mũi'], findings: ['Niêm mạc mũi xung huyết'], ages: [0, 99], weight: 8, season: 'cold', respiratory: true, meds: [CHLOR], treatment: 'Điều trị triệu chứng', advice: ['Rửa mũi bằng nước muối sinh lý'] },
  { code: 'J02.9', reasons: ['Đau họng, sốt', 'Đau rát họng, nuốt vướng'], findings: ['Họng đỏ, amidan không sưng'], ages: [3, 99], weight: 9, season: 'cold', fever: true, respiratory: true, meds: [AMOX, PARA], treatment: 'Kháng sinh, hạ sốt', advice: ['Súc miệng nước muối ấm'] },
  { code: 'J03.9', reasons: ['Sốt cao, đau họng'], findings: ['Amidan sưng đỏ, có mủ'], ages: [3, 40], weight: 4, season: 'cold', fever: true, respiratory: true, meds: [AMOX, PARA], treatment: 'Kháng sinh, hạ sốt', advice: ['Ăn lỏng, uống nhiều nước'] },
  { code: 'J20.9', reasons: ['Ho có đờm, sốt nhẹ', 'Ho kéo dài 5 ngày'], findings: ['Phổi ran ngáy hai bên'], ages: [1, 99], weight: 8, season: 'cold', fever: true, respiratory: true, meds: [AMOX, PARA], treatment: 'Kháng sinh, long đờm', advice: ['Giữ ấm cổ ngực', 'Tái khám sau 5 ngày'], returnDays: 5 },
  { code: 'J18.9', reasons: ['Sốt cao, ho, khó thở'], findings: ['Phổi ran nổ, thở nhanh'], ages: [0, 99], weight: 1.5, season: 'cold', fever: true, respiratory: true, meds: [PARA], treatment: 'Hạ sốt, chuyển tuyến', advice: ['Chuyển bệnh viện huyện'], referRate: 0.85 },
  { code: 'H66.9', reasons: ['Đau tai, sốt', 'Chảy mủ tai'], findings: ['Màng nhĩ đỏ, phồng'], ages: [0, 12], weight: 2, fever: true, meds: [AMOX, PARA], treatment: 'Kháng sinh, hạ sốt', advice: ['Giữ khô tai'] },
  { code: 'A09', reasons: ['Tiêu chảy, nôn', 'Đi ngoài phân lỏng nhiều lần'], findings: ['Không có dấu hiệu mất nước', 'Mất nước nhẹ'], ages: [0, 99], weight: 7, season: 'hot', meds: [{ code: 'ORS245', perDay: 3, days: [2, 3], dose: '1 gói pha 200 ml nước, uống dần sau mỗi lần đi ngoài' }, { code: 'ZINC10', perDay: 1, days: [10, 10], dose: '1 gói/ngày' }], treatment: 'Bù nước, kẽm', advice: ['Tiếp tục cho ăn, bú', 'Đến ngay nếu có máu trong phân hoặc li bì'] },
  { code: 'K29.7', reasons: ['Đau thượng vị, ợ chua', 'Đau bụng vùng trên rốn'], findings: ['Ấn thượng vị đau'], ages: [16, 99], weight: 6, meds: [{ code: 'OMEP20', perDay: 1, days: [14, 28], dose: '1 viên/ngày', instructions: 'Uống trước ăn sáng 30 phút' }, { code: 'DOMP10', perDay: 3, days: [7, 7], dose: '1 viên/lần, 3 lần/ngày', instructions: 'Uống trước ăn' }], treatment: 'Ức chế bơm proton', advice: ['Ăn đúng giờ, tránh rượu bia, đồ cay'] },
  { code: 'K30', reasons: ['Đầy bụng, khó tiêu'], findings: ['Bụng mềm, không điểm đau khu trú'], ages: [12, 99], weight: 2, meds: [{ code: 'DOMP10', perDay: 3, days: [5, 7], dose: '1 viên/lần, 3 lần/ngày', instructions: 'Uống trước ăn' }], treatment: 'Điều trị triệu chứng', advice: ['Ăn chậm, chia nhỏ bữa'] },
  { code: 'M54.5', reasons: ['Đau lưng', 'Đau thắt lưng khi làm việc nặng'], findings: ['Co cứng cơ cạnh sống thắt lưng'], ages: [25, 99], weight: 6, meds: [PARA, { code: 'IBU400', perDay: 2, days: [5, 7], dose: '1 viên/lần, 2 lần/ngày', instructions: 'Uống sau ăn no' }], treatment: 'Giảm đau', advice: ['Tránh mang vác nặng', 'Chườm ấm'] },
  { code: 'M17.9', reasons: ['Đau khớp gối', 'Đau gối khi đi lại'], findings: ['Gối lạo xạo khi vận động'], ages: [45, 99], weight: 5, meds: [{ ...PARA, days: [7, 10] }], treatment: 'Giảm đau', advice: ['Giảm cân, tập vận động nhẹ'] },
  { code: 'M79.1', reasons: ['Đau mỏi cơ', 'Đau mỏi vai gáy'], findings: ['Co cứng cơ vùng vai gáy'], ages: [20, 99], weight: 3, meds: [PARA], treatment: 'Giảm đau', advice: ['Nghỉ ngơi, xoa bóp'] },
  { code: 'R51', reasons: ['Đau đầu'], findings: ['Không có dấu hiệu thần kinh khu trú'], ages: [10, 99], weight: 3, meds: [PARA], treatment: 'Giảm đau', advice: ['Nghỉ ngơi, ngủ đủ giấc'] },
  { code: 'R42', reasons: ['Chóng mặt, hoa mắt'], findings: ['Không rung giật nhãn cầu'], ages: [30, 99], weight: 2, meds: [], treatment: 'Theo dõi', advice: ['Đứng dậy từ từ', 'Đo huyết áp định kỳ'] },
  { code: 'L30.9', reasons: ['Ngứa, nổi mẩn', 'Mẩn đỏ ngứa ở tay'], findings: ['Dát đỏ rải rác, vết gãi'], ages: [0, 99], weight: 4, season: 'hot', meds: [{ code: 'LORA10', perDay: 1, days: [5, 7], dose: '1 viên/ngày' }], treatment: 'Kháng histamin', advice: ['Tránh gãi, giữ da sạch'] },
  { code: 'B35.4', reasons: ['Ngứa, vết tròn trên da'], findings: ['Mảng đỏ bờ rõ, có vảy'], ages: [5, 99], weight: 2, season: 'hot', meds: [{ code: 'CLOTRI1', perDay: 1, days: [14, 14], dose: 'Bôi 2 lần/ngày' }], treatment: 'Kháng nấm tại chỗ', advice: ['Giữ da khô thoáng'] },
  { code: 'B86', reasons: ['Ngứa nhiều về đêm'], findings: ['Mụn nước kẽ ngón tay'], ages: [0, 99], weight: 1, meds: [], treatment: 'Bôi thuốc, vệ sinh', advice: ['Giặt luộc quần áo, chăn màn', 'Điều trị cả gia đình'] },
  { code: 'H10.9', reasons: ['Đỏ mắt, có dử', 'Ngứa mắt, chảy nước mắt'], findings: ['Kết mạc cương tụ'], ages: [0, 99], weight: 3, season: 'hot', meds: [{ code: 'CHLORAM04', perDay: 1, days: [7, 7], dose: 'Nhỏ mắt 1 giọt/lần, 4 lần/ngày' }], treatment: 'Kháng sinh nhỏ mắt', advice: ['Không dùng chung khăn mặt'] },
  { code: 'N39.0', reasons: ['Tiểu buốt, tiểu rắt'], findings: ['Ấn điểm niệu quản không đau'], ages: [16, 99], weight: 2, meds: [{ code: 'CIPRO500', perDay: 2, days: [7, 7], dose: '1 viên/lần, 2 lần/ngày' }], treatment: 'Kháng sinh', advice: ['Uống nhiều nước'] },
  { code: 'B82.9', reasons: ['Đau bụng quanh rốn, ăn kém'], findings: ['Bụng mềm'], ages: [2, 15], weight: 2, meds: [{ code: 'ALBE400', perDay: 1, days: [1, 1], dose: 'Uống 1 viên liều duy nhất' }], treatment: 'Tẩy giun', advice: ['Rửa tay trước khi ăn, đi dép'] },
  { code: 'T14.1', reasons: ['Vết thương ở chân do ngã', 'Đứt tay khi làm việc'], findings: ['Vết thương nông, sạch'], ages: [2, 85], weight: 4, meds: [{ code: 'POVI10', perDay: 1, days: [1, 1], dose: 'Sát khuẩn vết thương' }, PARA], treatment: 'Rửa, băng vết thương', advice: ['Thay băng hằng ngày', 'Tiêm phòng uốn ván nếu chưa tiêm'] },
  { code: 'S93.4', reasons: ['Đau, sưng cổ chân sau khi trẹo'], findings: ['Sưng nề mắt cá ngoài'], ages: [8, 70], weight: 1.5, meds: [PARA], treatment: 'Băng ép, giảm đau', advice: ['Chườm lạnh, kê cao chân'] },
  { code: 'R50.9', reasons: ['Sốt'], findings: ['Không thấy ổ nhiễm trùng'], ages: [0, 10], weight: 4, fever: true, meds: [PARA], treatment: 'Hạ sốt', advice: ['Lau mát, theo dõi nhiệt độ', 'Đến ngay nếu co giật hoặc li bì'] },
  { code: 'A90', reasons: ['Sốt cao liên tục 2 ngày, đau người'], findings: ['Chấm xuất huyết dưới da, dây thắt dương tính'], ages: [5, 70], weight: 1, season: 'hot', fever: true, meds: [PARA], treatment: 'Hạ sốt, bù nước', advice: ['Không dùng aspirin, ibuprofen', 'Theo dõi dấu hiệu cảnh báo'], referRate: 0.3, returnDays: 1 },
  { code: 'B01.9', reasons: ['Sốt, nổi mụn nước toàn thân'], findings: ['Mụn nước nhiều lứa tuổi'], ages: [1, 30], weight: 1, season: 'cold', fever: true, meds: [PARA, { code: 'ACIC5', perDay: 1, days: [5, 5], dose: 'Bôi 5 lần/ngày' }], treatment: 'Điều trị triệu chứng', advice: ['Cách ly, không gãi'] },
  { code: 'J30.4', reasons: ['Hắt hơi, ngứa mũi buổi sáng'], findings: ['Niêm mạc mũi nhợt'], ages: [6, 70], weight: 2, season: 'cold', meds: [{ code: 'LORA10', perDay: 1, days: [7, 10], dose: '1 viên/ngày' }], treatment: 'Kháng histamin', advice: ['Tránh bụi, lông động vật'] },
  { code: 'K02.9', reasons: ['Đau răng'], findings: ['Sâu răng hàm'], ages: [5, 99], weight: 2, meds: [PARA], treatment: 'Giảm đau, chuyển nha khoa', advice: ['Khám nha khoa'] },
  { code: 'D50.9', reasons: ['Mệt mỏi, da xanh'], findings: ['Niêm mạc nhợt'], ages: [15, 49], sex: 'F', weight: 1.5, meds: [{ code: 'FEFOL', perDay: 1, days: [30, 30], dose: '1 viên/ngày' }], treatment: 'Bổ sung sắt', advice: ['Ăn nhiều thịt, rau xanh'] },
  { code: 'K59.0', reasons: ['Táo bón, đi ngoài khó'], findings: ['Bụng mềm, chướng nhẹ'], ages: [1, 99], weight: 1.5, meds: [], treatment: 'Chế độ ăn', advice: ['Ăn nhiều rau, uống đủ nước'] },
  { code: 'R05', reasons: ['Ho khan kéo dài'], findings: ['Phổi không ran'], ages: [1, 99], weight: 2, season: 'cold', respiratory: true, meds: [CHLOR], treatment: 'Điều trị triệu chứng', advice: ['Giữ ấm, uống nước ấm'] },
  { code: 'N76.0', reasons: ['Ngứa, khí hư nhiều'], findings: ['Âm đạo viêm đỏ'], ages: [18, 60], sex: 'F', weight: 1.5, meds: [{ code: 'METRO250', perDay: 2, days: [7, 7], dose: '2 viên/lần, 2 lần/ngày' }], treatment: 'Kháng sinh', advice: ['Vệ sinh đúng cách'] },
];

/** Follow-up visits of people with a chronic condition recorded in their health record. */
const CHRONIC: Partial<Record<Condition, { code: string; reason: string; meds: readonly MedSpec[]; advice: string }>> = {
  hypertension: { code: 'I10', reason: 'Khám lại tăng huyết áp, lấy thuốc', meds: [{ code: 'AMLO5', perDay: 1, days: [30, 30], dose: '1 viên/ngày', instructions: 'Uống buổi sáng' }], advice: 'Ăn nhạt, đo huyết áp hằng ngày' },
  diabetes: { code: 'E11.9', reason: 'Khám lại đái tháo đường', meds: [{ code: 'METF500', perDay: 2, days: [30, 30], dose: '1 viên/lần, 2 lần/ngày', instructions: 'Uống sau ăn' }], advice: 'Hạn chế tinh bột, đồ ngọt; tập thể dục' },
  asthma: { code: 'J45.9', reason: 'Khó thở, khò khè', meds: [{ code: 'SALB2', perDay: 3, days: [7, 7], dose: '1 viên/lần, 3 lần/ngày' }], advice: 'Tránh khói bụi, lạnh' },
  chronic_lung: { code: 'J44.9', reason: 'Ho, khó thở khi gắng sức', meds: [{ code: 'SALB2', perDay: 3, days: [10, 10], dose: '1 viên/lần, 3 lần/ngày' }], advice: 'Bỏ thuốc lá, giữ ấm' },
};

/** Acute visits per person-year by age. */
function acuteRate(age: number): number {
  if (age < 1) return 2;
  if (age < 5) return 1.3;
  if (age < 15) return 0.45;
  if (age < 40) return 0.22;
  if (age < 60) return 0.38;
  if (age < 75) return 0.7;
  return 0.85;
}

const DAY = 86_400_000;

/** Month 1–12 of a station date → season weight. */
function seasonFactor(c: Complaint, month: number): number {
  if (c.season === 'cold') return month >= 11 || month <= 3 ? 1.8 : month >= 6 && month <= 8 ? 0.5 : 1;
  if (c.season === 'hot') return month >= 5 && month <= 9 ? 1.8 : month === 12 || month <= 2 ? 0.4 : 1;
  return 1;
}

/** Weekdays are busy, Saturday less, Sunday the station is on call only. */
const WEEKDAY_WEIGHT = [0.2, 1, 1, 1, 1, 1, 0.6];

interface VisitPlan {
  person: PersonPlan;
  arrival: number;
  date: string;
  chronic: Condition | null;
  complaint: Complaint | null;
  cancelled: boolean;
  id: string | null;
}

interface Catalogue {
  icd: Map<string, IcdItem>;
  medicines: Map<string, Medicine>;
}
const catalogues = new WeakMap<World, Catalogue>();
const plans = new WeakMap<World, VisitPlan[]>();

function pickDate(rng: Rng, from: number, to: number): string | null {
  const days = Math.floor((to - from) / DAY);
  if (days < 1) return null;
  for (let tries = 0; tries < 20; tries++) {
    const date = isoDay(from + rng.int(0, days - 1) * DAY + 12 * 3_600_000);
    if (rng.chance(WEEKDAY_WEIGHT[new Date(`${date}T00:00:00Z`).getUTCDay()]!)) return date;
  }
  return null;
}

function arrivalTime(rng: Rng, date: string): number {
  return rng.chance(0.72) ? localTime(date, 7, rng.int(0, 239), rng.int(0, 59)) : localTime(date, 13, 30 + rng.int(0, 179), rng.int(0, 59));
}

function chooseComplaint(rng: Rng, rawAge: number, sex: 'M' | 'F', month: number): Complaint {
  const age = Math.min(99, rawAge);
  const candidates = COMPLAINTS.filter((c) => age >= c.ages[0] && age <= c.ages[1] && (!c.sex || c.sex === sex));
  return rng.weighted(candidates.map((c) => [c, c.weight * seasonFactor(c, month)] as const));
}

function planVisits(world: World, rng: Rng): VisitPlan[] {
  const out: VisitPlan[] = [];
  for (const person of world.persons) {
    const from = Math.max(world.windowStart, person.registerAt + DAY);
    const to = Math.min(world.windowEnd, person.leaves ? dayMs(person.leaves.date) : world.windowEnd);
    if (to - from < DAY) continue;
    const years = (to - from) / (365 * DAY);
    const midAge = ageOn(person.fields.birthDate, isoDay((from + to) / 2));
    const n = rng.poisson(acuteRate(Math.max(0, midAge)) * years * (person.duplicateOf !== null ? 0.3 : 1));
    for (let i = 0; i < n; i++) {
      const date = pickDate(rng, from, to);
      if (!date) continue;
      const age = ageOn(person.fields.birthDate, date);
      if (age < 0) continue;
      const complaint = chooseComplaint(rng, age, person.fields.sex, Number(date.slice(5, 7)));
      out.push({ person, arrival: arrivalTime(rng, date), date, chronic: null, complaint, cancelled: rng.chance(0.01), id: null });
    }
    // Chronic follow-ups: about 40 % of the known patients get their monthly to quarterly care at the station.
    for (const condition of person.conditions) {
      if (!CHRONIC[condition] || !rng.chance(condition === 'hypertension' || condition === 'diabetes' ? 0.4 : 0.25)) continue;
      const cadence = condition === 'hypertension' || condition === 'diabetes' ? rng.pick([30, 30, 60, 90]) : 120;
      let at = from + rng.int(0, cadence) * DAY;
      // From the day a chronic-disease program follows the patient (ncd shape), its follow-ups are these visits.
      const program = ncdCareFrom(world, person, condition) ?? Infinity;
      while (at < to) {
        const date = isoDay(at + 12 * 3_600_000);
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        if (weekday !== 0) {
          const arrival = arrivalTime(rng, date);
          if (at < program) out.push({ person, arrival, date, chronic: condition, complaint: null, cancelled: false, id: null });
        }
        at += (cadence + rng.int(-3, 10)) * DAY;
      }
    }
  }
  return out;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Plausible vital signs for the age, fever and blood pressure status. */
function vitals(rng: Rng, person: PersonPlan, date: string, fever: boolean, respiratory: boolean): NonNullable<ProcedureInput<'visits.save'>['vitals']> {
  const age = ageOn(person.fields.birthDate, date);
  const months = person.fields.birthDate.length === 10 ? Math.max(0, Math.round((dayMs(date) - dayMs(person.fields.birthDate)) / (30.44 * DAY))) : age * 12;
  const male = person.fields.sex === 'M';
  const v: NonNullable<ProcedureInput<'visits.save'>['vitals']> = {};
  v.temperature = round1(fever ? 37.8 + rng.next() * 1.7 : 36.4 + rng.next() * 0.7);
  v.pulse = Math.round(age < 1 ? rng.int(110, 150) : age < 6 ? rng.int(90, 125) : age < 12 ? rng.int(80, 110) : rng.int(64, 96) + (fever ? 10 : 0));
  if (age >= 15) {
    const hypertensive = person.conditions.includes('hypertension');
    const systolic = Math.round(hypertensive ? rng.normal(146, 14) : rng.normal(118 + Math.max(0, age - 40) * 0.4, 10));
    v.systolic = Math.max(90, Math.min(220, systolic));
    v.diastolic = Math.max(55, Math.min(v.systolic - 25, Math.round(v.systolic * 0.62 + rng.normal(0, 5))));
  }
  if (respiratory || age < 5) v.respiratoryRate = age < 1 ? rng.int(30, 50) : age < 5 ? rng.int(24, 38) : rng.int(16, 22);
  if (respiratory && rng.chance(0.5)) v.spo2 = rng.int(95, 99);
  if (age < 15 || rng.chance(0.6)) {
    let weight: number;
    let height: number;
    if (months < 12) {
      weight = 3.3 + months * 0.6;
      height = 50 + months * 2.1;
    } else if (age < 12) {
      weight = 2 * age + 8;
      height = 6 * age + 77;
    } else if (age < 18) {
      weight = male ? 3.5 * age - 10 : 3 * age - 4;
      height = male ? 6 * age + 57 : 4.5 * age + 76;
    } else {
      weight = male ? 60 : 51;
      height = male ? 165 : 154;
    }
    v.weightKg = round1(Math.max(2.5, weight * (1 + rng.normal(0, 0.1))));
    v.heightCm = Math.round(height * (1 + rng.normal(0, 0.03)));
  }
  return v;
}

function prescription(rng: Rng, meds: readonly MedSpec[], age: number, catalogue: Catalogue): NonNullable<ProcedureInput<'visits.save'>['prescription']> {
  return meds.map((m) => {
    const code = age < 6 && m.childCode ? m.childCode : m.code;
    const medicine = catalogue.medicines.get(code);
    if (!medicine) throw new Error(`medicine ${code} is not in the station's list`);
    const days = rng.int(m.days[0], m.days[1]);
    return {
      medicineId: medicine.id,
      medicineName: medicine.name,
      strength: medicine.strength ?? undefined,
      unit: medicine.unit,
      dose: m.dose,
      quantity: Math.max(1, m.perDay * days),
      days,
      instructions: m.instructions,
    };
  });
}

function diagnosis(catalogue: Catalogue, code: string, isMain: boolean) {
  const item = catalogue.icd.get(code);
  if (!item) throw new Error(`ICD-10 code ${code} is not in the station's catalogue`);
  return { icdCode: item.code, icdName: item.name, isMain };
}

function saveInput(rng: Rng, v: VisitPlan, catalogue: Catalogue): ProcedureInput<'visits.save'> {
  const age = ageOn(v.person.fields.birthDate, v.date);
  if (v.chronic) {
    const c = CHRONIC[v.chronic]!;
    const controlled = rng.chance(0.7);
    return {
      id: v.id!,
      vitals: vitals(rng, v.person, v.date, false, v.chronic === 'asthma' || v.chronic === 'chronic_lung'),
      symptoms: c.reason,
      findings: controlled ? 'Tình trạng ổn định' : 'Chưa kiểm soát tốt',
      diagnoses: [diagnosis(catalogue, c.code, true), ...v.person.conditions.filter((o) => o !== v.chronic && CHRONIC[o]).slice(0, 2).map((o) => diagnosis(catalogue, CHRONIC[o]!.code, false))],
      prescription: prescription(rng, c.meds, age, catalogue),
      treatment: 'Duy trì điều trị',
      advice: c.advice,
      returnDate: addDaysIso(v.date, 30),
      finish: true,
      outcome: 'appointment',
    };
  }
  const c = v.complaint!;
  const referred = c.referRate !== undefined && rng.chance(c.referRate);
  const extra = v.person.conditions.includes('hypertension') && c.code !== 'I10' && rng.chance(0.5) ? [diagnosis(catalogue, 'I10', false)] : [];
  const returnDate = !referred && c.returnDays ? addDaysIso(v.date, c.returnDays) : undefined;
  return {
    id: v.id!,
    vitals: vitals(rng, v.person, v.date, Boolean(c.fever), Boolean(c.respiratory)),
    symptoms: rng.pick(c.reasons),
    findings: rng.pick(c.findings),
    diagnoses: [diagnosis(catalogue, c.code, true), ...extra],
    prescription: prescription(rng, c.meds, age, catalogue),
    treatment: c.treatment,
    advice: referred ? 'Chuyển tuyến trên' : rng.pick(c.advice),
    returnDate,
    finish: true,
    outcome: referred ? 'referred' : returnDate ? 'appointment' : 'finished',
  };
}

const VISIT_PROCEDURES = ['visits.receive', 'visits.save', 'visits.setStatus', 'catalog.icdSearch', 'catalog.medicineImportStarter', 'catalog.medicineList'];

export const visitsShape: Shape = {
  name: 'visits',
  unavailable() {
    const missing = VISIT_PROCEDURES.filter((n) => !isProcedureName(n) || !(n in handlers) || !(n in contract));
    return missing.length ? `procedures not built yet: ${missing.join(', ')}` : null;
  },
  plan(world, rng) {
    plans.set(world, planVisits(world, rng));
  },
  prepare(env: TaskEnv) {
    const { call, world } = env;
    call('catalog.medicineImportStarter', {});
    const medicines = new Map(call('catalog.medicineList', { limit: 200 }).items.map((m) => [m.code, m]));
    const codes = new Set<string>(['I10']);
    for (const c of COMPLAINTS) codes.add(c.code);
    for (const c of Object.values(CHRONIC)) codes.add(c.code);
    const icd = new Map<string, IcdItem>();
    for (const code of codes) {
      const item = call('catalog.icdSearch', { q: code, limit: 5 }).items.find((i) => i.code === code);
      if (!item) throw new Error(`ICD-10 code ${code} is not in the shipped catalogue`);
      if (item.notMain && COMPLAINTS.some((c) => c.code === code)) throw new Error(`ICD-10 code ${code} may not be a main diagnosis`);
      icd.set(code, item);
    }
    catalogues.set(world, { icd, medicines });
  },
  tasks(world, rng) {
    const tasks: Task[] = [];
    for (const v of plans.get(world) ?? []) {
      const visitRng = rng.fork(`v${tasks.length}`);
      const examiner = v.person.key % 10 < 7 ? 'physician' : 'nurse';
      tasks.push({
        at: v.arrival,
        run(env) {
          // Primary care is open to every card of the province (thông tuyến): a valid card is used almost always.
          const card = v.person.fields;
          const valid = Boolean(card.bhytCardCode) && (!card.bhytValidTo || card.bhytValidTo >= v.date || v.person.renewal !== null);
          const insured = valid ? visitRng.chance(0.96) : false;
          const reason = v.chronic ? CHRONIC[v.chronic]!.reason : visitRng.pick(v.complaint!.reasons);
          v.id = env.call('visits.receive', { personId: v.person.id!, reason, insured }).visit.id;
        },
      });
      const done = v.arrival + (10 + visitRng.int(0, 30)) * 60_000;
      tasks.push({
        at: done,
        run(env) {
          if (v.cancelled) {
            env.call('visits.setStatus', { id: v.id!, status: 'cancelled' });
            return;
          }
          const staff = examiner === 'physician' ? env.staff.physicians : env.staff.nurses;
          env.call('visits.save', saveInput(visitRng, v, catalogues.get(world)!), { as: staff[v.person.key % staff.length]! });
        },
      });
    }
    return tasks;
  },
  summary(world) {
    const list = plans.get(world) ?? [];
    const chronic = list.filter((v) => v.chronic).length;
    return `${list.length} visits (${chronic} chronic follow-ups, ${list.filter((v) => v.cancelled).length} cancelled)`;
  },
};
