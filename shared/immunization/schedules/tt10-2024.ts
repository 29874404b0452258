/**
 * The children's EPI schedule of Thông tư 10/2024/TT-BYT (in force 01/08/2024), facts from
 * shared/domain/immunization.md. Identical to resources/schedules/tt10-2024-children.json (a test checks it): this
 * copy lets the renderer and tests use the shipped schedule without file I/O.
 *
 * TT 10/2024 gives one age per dose ("at 9 months", "from 2 months") and the spacing. Everything else — overdue
 * ages, maximum ages, the DPT4 and MR intervals, IPV spacing — is not in immunization.md and is marked
 * `confidence: "L"` with a note: an administrator corrects it by loading a new version, not by a code change.
 */
import type { Duration } from '../dates.js';
import type { Schedule, ScheduleDose } from '../schedule-schema.js';

const days = (n: number): Duration => ({ days: n });
const months = (n: number): Duration => ({ months: n });
const years = (n: number): Duration => ({ years: n });

const ANAPHYLAXIS = 'anaphylaxis-previous-dose';
const L_TIMING = 'Tuổi quá hạn và tuổi tối đa không có trong TT 10/2024: giả định (L), quản trị viên có thể sửa.';

/** A routine infant dose: due at `at` months, overdue a month later (L), until `maxYears` (L). */
type DoseFields = Omit<ScheduleDose, 'label' | 'minimumAge' | 'recommendedAge' | 'overdueAge'>;

function infantDose(label: string, at: number, fields: DoseFields): ScheduleDose {
  return { label, minimumAge: months(at), recommendedAge: months(at), overdueAge: months(at + 1), ...fields };
}

const DTP_COMMON: DoseFields = {
  maximumAge: years(5),
  live: false,
  route: 'injection',
  antigens: ['diphtheria', 'tetanus', 'pertussis', 'hepb', 'hib'],
  vaccines: ['DPT-VGB-Hib'],
  contraindications: [ANAPHYLAXIS],
};

const BOPV_COMMON: DoseFields = {
  maximumAge: years(5),
  live: true,
  route: 'oral',
  antigens: ['polio'],
  vaccines: ['bOPV'],
  contraindications: [ANAPHYLAXIS, 'congenital-immunodeficiency'],
};

const ROTA_COMMON: DoseFields = {
  maximumAge: months(6),
  live: true,
  route: 'oral',
  antigens: ['rotavirus'],
  vaccines: ['Rota'],
  contraindications: [ANAPHYLAXIS, 'intussusception', 'severe-immunodeficiency'],
  confidence: 'L',
  note: 'Tuổi tối đa 6 tháng theo nhãn vắc xin Rota uống thường dùng (L), không có trong immunization.md.',
};

const JE_COMMON: DoseFields = {
  maximumAge: years(15),
  live: false,
  route: 'injection',
  antigens: ['je'],
  vaccines: ['VNNB'],
  contraindications: [ANAPHYLAXIS],
};

const MONTH_SPACING = { minimumInterval: months(1) };

export const TT10_2024_CHILDREN: Schedule = {
  format: 1,
  id: 'tt10-2024-children',
  family: 'epi-children',
  title: 'Lịch tiêm chủng mở rộng cho trẻ em (Thông tư 10/2024/TT-BYT)',
  effectiveFrom: '2024-08-01',
  source: {
    document: 'Thông tư 10/2024/TT-BYT ngày 13/06/2024 (vắc xin và lịch tiêm chủng bắt buộc, 11 bệnh)',
    issued: '2024-06-13',
    inForce: '2024-08-01',
  },
  confidence: 'H',
  notes: [
    'Độ tin cậy H cho các mũi chính (VGB sơ sinh, BCG, DPT-VGB-Hib, bOPV, sởi, MR, DPT4, VNNB, Td); M cho IPV và Rota; M cho quy tắc 4 tuần giữa hai vắc xin sống.',
    'L (giả định, không có trong immunization.md): mọi tuổi quá hạn (mặc định tuổi khuyến cáo + 1 tháng, Td: 8 tuổi), mọi tuổi tối đa, khoảng cách DPT4 sau DPT-VGB-Hib 3 (6 tháng), MR sau sởi (1 tháng), IPV 2 sau IPV 1 (1 tháng), VNNB 3 quá hạn (1 năm 1 tháng sau mũi 2).',
    'Tuổi tối thiểu bằng tuổi ghi trong thông tư ("từ 2 tháng", "lúc 9 tháng"); không có ngày cho phép sớm (graceDays).',
    'Ghi nhận (L): Thông tư 52/2025/TT-BYT (hiệu lực 15/02/2026, 12 bệnh) thay thế thông tư này; nạp phiên bản mới khi có nội dung chính thức.',
    'Vắc xin 6 trong 1 (dịch vụ) được tính vào loạt DPT, không tính vào loạt IPV.',
  ],
  liveVaccineInterval: { weeks: 4 },
  series: [
    {
      key: 'hepb-birth',
      name: 'Viêm gan B sơ sinh',
      vaccineCodes: ['VGB'],
      confidence: 'H',
      doses: [
        {
          label: 'VGB sơ sinh',
          minimumAge: days(0),
          recommendedAge: days(0),
          overdueAge: days(1),
          maximumAge: days(7),
          live: false,
          route: 'injection',
          antigens: ['hepb'],
          vaccines: ['VGB'],
          contraindications: [ANAPHYLAXIS, 'preterm-under-28-weeks', 'birth-weight-under-2000g'],
          confidence: 'H',
          note: 'Trong vòng 24 giờ sau sinh (H): quá hạn từ ngày thứ 1 vì engine tính theo ngày. Tuổi tối đa 7 ngày là giả định (L).',
        },
      ],
    },
    {
      key: 'bcg',
      name: 'Lao (BCG)',
      vaccineCodes: ['BCG'],
      confidence: 'H',
      doses: [
        {
          label: 'BCG',
          minimumAge: days(0),
          recommendedAge: days(0),
          overdueAge: months(1),
          maximumAge: years(1),
          live: true,
          route: 'injection',
          antigens: ['tb'],
          vaccines: ['BCG'],
          contraindications: [ANAPHYLAXIS, 'severe-immunodeficiency', 'preterm-under-34-weeks', 'maternal-hiv-no-pmtct'],
          confidence: 'H',
          note: 'Một lần, trong vòng 1 tháng sau sinh (H). Tuổi tối đa 1 năm là giả định (L).',
        },
      ],
    },
    {
      key: 'dpt',
      name: 'Bạch hầu – Ho gà – Uốn ván (DPT-VGB-Hib 1–3, DPT4)',
      vaccineCodes: ['DPT-VGB-Hib', '6in1', 'DPT'],
      confidence: 'H',
      note: L_TIMING,
      doses: [
        infantDose('DPT-VGB-Hib 1', 2, { ...DTP_COMMON }),
        { ...infantDose('DPT-VGB-Hib 2', 2, { ...DTP_COMMON, ...MONTH_SPACING }), recommendedAge: months(3), overdueAge: months(4) },
        { ...infantDose('DPT-VGB-Hib 3', 2, { ...DTP_COMMON, ...MONTH_SPACING }), recommendedAge: months(4), overdueAge: months(5) },
        {
          ...infantDose('DPT4', 18, { ...DTP_COMMON, maximumAge: years(7), minimumInterval: months(6) }),
          antigens: ['diphtheria', 'tetanus', 'pertussis'],
          vaccines: ['DPT'],
          confidence: 'L',
          note: 'DPT4 lúc 18 tháng (H); khoảng cách 6 tháng sau mũi 3 và tuổi tối đa 7 năm là giả định (L).',
        },
      ],
    },
    {
      key: 'bopv',
      name: 'Bại liệt uống (bOPV)',
      vaccineCodes: ['bOPV', 'OPV'],
      confidence: 'H',
      note: L_TIMING,
      doses: [
        infantDose('bOPV 1', 2, { ...BOPV_COMMON }),
        { ...infantDose('bOPV 2', 2, { ...BOPV_COMMON, ...MONTH_SPACING }), recommendedAge: months(3), overdueAge: months(4) },
        { ...infantDose('bOPV 3', 2, { ...BOPV_COMMON, ...MONTH_SPACING }), recommendedAge: months(4), overdueAge: months(5) },
      ],
    },
    {
      key: 'ipv',
      name: 'Bại liệt tiêm (IPV)',
      vaccineCodes: ['IPV'],
      confidence: 'M',
      note: 'IPV lúc 5 và 9 tháng (M). Khoảng cách tối thiểu 1 tháng và tuổi tối đa 5 năm là giả định (L).',
      doses: [
        infantDose('IPV 1', 5, { maximumAge: years(5), live: false, route: 'injection', antigens: ['polio'], vaccines: ['IPV'], contraindications: [ANAPHYLAXIS] }),
        infantDose('IPV 2', 9, { maximumAge: years(5), ...MONTH_SPACING, live: false, route: 'injection', antigens: ['polio'], vaccines: ['IPV'], contraindications: [ANAPHYLAXIS] }),
      ],
    },
    {
      key: 'rota',
      name: 'Tiêu chảy do Rota (uống)',
      vaccineCodes: ['Rota'],
      confidence: 'M',
      doses: [
        infantDose('Rota 1', 2, { ...ROTA_COMMON }),
        { ...infantDose('Rota 2', 2, { ...ROTA_COMMON, ...MONTH_SPACING }), recommendedAge: months(3), overdueAge: months(4) },
      ],
    },
    {
      key: 'measles',
      name: 'Sởi – Rubella',
      vaccineCodes: ['Soi', 'MR', 'MMR'],
      confidence: 'H',
      note: L_TIMING,
      doses: [
        infantDose('Sởi (9 tháng)', 9, { maximumAge: years(15), live: true, route: 'injection', antigens: ['measles'], vaccines: ['Soi'], contraindications: [ANAPHYLAXIS, 'severe-immunodeficiency'] }),
        {
          ...infantDose('Sởi-Rubella (MR, 18 tháng)', 18, { maximumAge: years(15), ...MONTH_SPACING, live: true, route: 'injection', antigens: ['measles', 'rubella'], vaccines: ['MR'], contraindications: [ANAPHYLAXIS, 'severe-immunodeficiency'] }),
          confidence: 'L',
          note: 'MR lúc 18 tháng (H); khoảng cách 1 tháng sau mũi sởi là giả định (L).',
        },
      ],
    },
    {
      key: 'je',
      name: 'Viêm não Nhật Bản (VNNB)',
      vaccineCodes: ['VNNB'],
      confidence: 'H',
      note: 'Mũi 1 lúc 12 tháng, mũi 2 sau 1–2 tuần, mũi 3 sau mũi 2 một năm (H). Tuổi tối đa 15 năm và hạn mũi 3 là giả định (L).',
      doses: [
        infantDose('VNNB 1', 12, { ...JE_COMMON }),
        {
          label: 'VNNB 2',
          minimumAge: months(12),
          minimumInterval: { weeks: 1 },
          recommendedInterval: { weeks: 1 },
          overdueInterval: { weeks: 2, days: 1 },
          ...JE_COMMON,
        },
        {
          label: 'VNNB 3',
          minimumAge: months(12),
          minimumInterval: years(1),
          recommendedInterval: years(1),
          overdueInterval: { years: 1, months: 1 },
          ...JE_COMMON,
        },
      ],
    },
    {
      key: 'td',
      name: 'Uốn ván – Bạch hầu giảm liều (Td)',
      vaccineCodes: ['Td'],
      confidence: 'H',
      doses: [
        {
          label: 'Td (7 tuổi)',
          minimumAge: years(7),
          recommendedAge: years(7),
          overdueAge: years(8),
          maximumAge: years(16),
          live: false,
          route: 'injection',
          antigens: ['tetanus', 'diphtheria'],
          vaccines: ['Td'],
          contraindications: [ANAPHYLAXIS],
          confidence: 'H',
          note: 'Td lúc 7 tuổi (H). Quá hạn từ 8 tuổi và tuổi tối đa 16 là giả định (L).',
        },
      ],
    },
  ],
};
