/**
 * Tetanus-containing vaccine (UV) for pregnant women and women aged 15–35, facts from
 * shared/domain/immunization.md (H). Identical to resources/schedules/tetanus-women.json (a test checks it).
 *
 * "UV1 as early as possible in the first pregnancy; UV2 at least 1 month after UV1 (and at least 1 month before
 * delivery); UV3 at least 6 months after UV2 or in the next pregnancy; UV4 at least 1 year after UV3 or in the next
 * pregnancy; UV5 at least 1 year after UV4 or in the next pregnancy."
 *
 * Encoded as: minimum intervals 1 month / 6 months / 1 year / 1 year; outside pregnancy each dose is due when its
 * interval has passed (women 15–35, never overdue); in a pregnancy the dose is due from the pregnancy's start (the
 * interval still applies) and overdue 1 month before delivery (UV1: 2 months, so that UV2 can still be given a
 * month before delivery — a derived value, L). In a pregnancy the 15–35 age limits do not apply.
 */
import type { Duration } from '../dates.js';
import type { Schedule, ScheduleDose } from '../schedule-schema.js';

const months = (n: number): Duration => ({ months: n });
const years = (n: number): Duration => ({ years: n });

const COMMON = {
  minimumAge: years(15),
  recommendedAge: years(15),
  maximumAge: years(36),
  live: false,
  route: 'injection',
  antigens: ['tetanus'],
  vaccines: ['UV'],
  contraindications: ['anaphylaxis-previous-dose'],
} satisfies Partial<ScheduleDose>;

function uv(n: number, interval: Duration | null, beforeDelivery: Duration, note: string): ScheduleDose {
  return {
    label: `UV${n}`,
    ...COMMON,
    ...(interval ? { minimumInterval: interval } : {}),
    pregnancy: { overdueBeforeDelivery: beforeDelivery },
    confidence: n === 2 ? 'H' : 'L',
    note,
  };
}

export const TETANUS_WOMEN: Schedule = {
  format: 1,
  id: 'tetanus-women-2024',
  family: 'tetanus-women',
  title: 'Tiêm vắc xin uốn ván cho phụ nữ có thai và phụ nữ 15–35 tuổi',
  effectiveFrom: '2024-08-01',
  source: {
    document: 'Chương trình Tiêm chủng mở rộng, Thông tư 10/2024/TT-BYT: lịch tiêm uốn ván cho phụ nữ có thai và phụ nữ tuổi sinh đẻ',
    issued: '2024-06-13',
    inForce: '2024-08-01',
  },
  confidence: 'H',
  notes: [
    'Độ tin cậy H: các khoảng cách tối thiểu (UV2 ≥ 1 tháng sau UV1, UV3 ≥ 6 tháng sau UV2, UV4 và UV5 ≥ 1 năm sau mũi trước), UV2 ít nhất 1 tháng trước khi sinh, tiêm muộn thì tiêm tiếp, không tiêm lại từ đầu.',
    'L (giả định): "hoặc trong lần có thai sau" được hiểu là khi có thai thì mũi tiếp theo đến hạn từ đầu thai kỳ (vẫn giữ khoảng cách tối thiểu) và quá hạn 1 tháng trước ngày dự sinh; UV1 quá hạn 2 tháng trước ngày dự sinh.',
    'L (giả định): độ tuổi 15–35 là giới hạn tuổi tối thiểu 15 và tuổi tối đa 36 (hết 35 tuổi); khi có thai không áp dụng giới hạn tuổi. Ngoài thai kỳ không có ngày quá hạn.',
    'L (giả định): việc gán lịch này cho Thông tư 10/2024/TT-BYT theo immunization.md (mục Chương trình TCMR); các mũi DPT/Td thời thơ ấu không được tính thay các mũi UV.',
    'Thai kỳ bắt đầu 280 ngày trước ngày dự sinh khi không ghi ngày bắt đầu, và kết thúc ngày sinh (hoặc ngày dự sinh).',
  ],
  series: [
    {
      key: 'uv',
      name: 'Uốn ván (phụ nữ có thai, phụ nữ 15–35 tuổi)',
      vaccineCodes: ['UV', 'Td'],
      sex: 'F',
      pregnancyWaivesAge: true,
      confidence: 'H',
      doses: [
        uv(1, null, months(2), 'Càng sớm càng tốt khi có thai lần đầu (H); quá hạn 2 tháng trước ngày dự sinh là giá trị suy ra (L).'),
        uv(2, months(1), months(1), 'Ít nhất 1 tháng sau UV1 và ít nhất 1 tháng trước khi sinh (H).'),
        uv(3, months(6), months(1), 'Ít nhất 6 tháng sau UV2 hoặc lần có thai sau (H); quá hạn 1 tháng trước ngày dự sinh (L).'),
        uv(4, years(1), months(1), 'Ít nhất 1 năm sau UV3 hoặc lần có thai sau (H); quá hạn 1 tháng trước ngày dự sinh (L).'),
        uv(5, years(1), months(1), 'Ít nhất 1 năm sau UV4 hoặc lần có thai sau (H); quá hạn 1 tháng trước ngày dự sinh (L).'),
      ],
    },
  ],
};
