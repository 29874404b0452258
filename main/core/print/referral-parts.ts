import { viDate, viDayParts, viTime } from '../../../shared/referrals/datetime.js';
import { diagnosisLines, type ReferralSnapshot } from '../../../shared/referrals/snapshot.js';
import { DOTS, checkItem, field, fieldRow, present, type Content } from './blocks.js';

/** The body of a referral slip, worded for the TT 01/2025 (Phụ lục VI) or the TT 14/2014 (Phụ lục 1) form. */
export interface ReferralWording {
  tt14: boolean;
}

const PRIOR_LEVEL_TT14: Record<string, string> = { 'ban đầu': 'xã', 'cơ bản': 'huyện', 'chuyên sâu': 'tỉnh' };

export function patientBlock(s: ReferralSnapshot, w: ReferralWording): Content[] {
  const p = s.patient;
  const sex = p.sex === 'M' ? 'Nam' : 'Nữ';
  const birth = w.tt14 ? { label: 'Ngày sinh:', value: viDate(p.birthDate) } : { label: 'Năm sinh:', value: p.birthDate.slice(0, 4) };
  const validTo = present(p.bhytValidTo);
  const refDay = (s.transferAt ?? s.issuedAt ?? '').slice(0, 10);
  const expired = Boolean(p.bhytCardCode && validTo && refDay && validTo < refDay);
  const unknownValidity = Boolean(p.bhytCardCode && !validTo);
  const lines: Content[] = [
    fieldRow([
      { label: 'Họ và tên người bệnh:', value: p.fullName.toUpperCase(), width: '*', strong: true },
      { label: 'Nam/Nữ:', value: sex, width: 70 },
      { label: birth.label, value: birth.value, width: w.tt14 ? 130 : 90 },
    ]),
    field('Địa chỉ:', p.address),
    fieldRow([
      { label: 'Dân tộc:', value: p.ethnicityName, width: '*' },
      { label: 'Quốc tịch:', value: p.nationality, width: '*' },
    ]),
    fieldRow([
      { label: 'Nghề nghiệp:', value: p.occupation, width: '*' },
      { label: 'Nơi làm việc:', value: p.workplace, width: '*' },
    ]),
    field('Số thẻ bảo hiểm y tế:', p.bhytCardCode, { strong: true }),
  ];
  if (w.tt14) {
    lines.push(fieldRow([
      { label: 'Hạn sử dụng: từ ngày', value: viDate(p.bhytValidFrom), width: '*' },
      { label: 'đến ngày', value: viDate(p.bhytValidTo), width: '*' },
    ]));
  } else {
    lines.push(field('Thời hạn sử dụng của thẻ bảo hiểm y tế đến ngày', viDate(p.bhytValidTo)));
    lines.push({
      columns: [
        { width: 'auto', stack: [checkItem('Hết thời hạn', expired, { margin: [0, 0, 0, 0] })] },
        { width: 'auto', stack: [checkItem('Không xác định được thời hạn', unknownValidity, { margin: [0, 0, 0, 0] })] },
      ],
      columnGap: 28,
      margin: [150, 0, 0, 1],
    });
  }
  lines.push({ text: 'Đã được khám bệnh, điều trị:', margin: [0, 1, 0, 0] });
  const care = [...s.priorCare.slice(0, 2)];
  while (care.length < 2) care.push({ place: '', level: null, from: null, to: null });
  for (const c of care) {
    const level = present(c.level) ? (w.tt14 ? (PRIOR_LEVEL_TT14[c.level!] ?? c.level) : c.level) : null;
    lines.push({
      columns: [
        { width: 10, text: '+' },
        { width: '*', stack: [field('Tại:', present(c.place) ? `${c.place} (${w.tt14 ? 'Tuyến' : 'Cấp'} ${level ?? DOTS})` : null, { margin: [0, 0, 0, 0] })] },
        { width: 105, stack: [field('từ ngày', viDate(c.from), { margin: [0, 0, 0, 0] })] },
        { width: 110, stack: [field('đến ngày', viDate(c.to), { margin: [0, 0, 0, 0] })] },
      ],
      columnGap: 4,
      margin: [8, 1, 0, 1],
    });
  }
  return lines;
}

function procedureText(s: ReferralSnapshot): string | null {
  const items = s.procedures
    .filter((x) => present(x.name))
    .map((x) => {
      const from = x.startAt ? `từ ${viTime(x.startAt)} ngày ${viDate(x.startAt)}` : '';
      const to = x.endAt ? `đến ${viTime(x.endAt)} ngày ${viDate(x.endAt)}` : '';
      return [x.name.trim(), [from, to].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    });
  return items.length ? items.join('; ') : null;
}

function diagnosisBlock(s: ReferralSnapshot): Content[] {
  const { main, secondary } = diagnosisLines(s.diagnoses);
  return [
    field('Chẩn đoán:', s.diagnosisText ?? (main ? main.icdName : null)),
    {
      columns: [
        { width: '*', stack: [field('- Bệnh chính:', main ? `${main.icdName} (mã ICD-10: ${main.icdCode})` : null, { margin: [0, 0, 0, 0] })] },
      ],
      margin: [12, 1, 0, 1],
    },
    {
      columns: [
        { width: '*', stack: [field('- Bệnh kèm theo:', secondary.length ? secondary.map((d) => `${d.icdName} (${d.icdCode})`).join('; ') : null, { margin: [0, 0, 0, 0] })] },
      ],
      margin: [12, 1, 0, 1],
    },
  ];
}

export function summaryBlock(s: ReferralSnapshot, w: ReferralWording): Content[] {
  const treatment = [present(s.treatment), ...s.medicines.map(present)].filter((x): x is string => x !== null).join('; ') || null;
  const heading = { text: 'TÓM TẮT BỆNH ÁN', bold: true, margin: [0, 4, 0, 1] };
  const course = present(s.diseaseCourse) ? [{ text: [{ text: 'Quá trình bệnh lý và diễn biến lâm sàng: ' }, { text: s.diseaseCourse! }], margin: [12, 1, 0, 1] }] : [];
  if (w.tt14) {
    return [
      heading,
      field('Dấu hiệu lâm sàng:', s.clinicalSigns),
      ...course,
      field('Kết quả xét nghiệm, cận lâm sàng:', s.mainResults),
      ...diagnosisBlock(s),
      field('Phương pháp, thủ thuật, kỹ thuật, thuốc đã sử dụng trong điều trị:', [procedureText(s), treatment].filter(Boolean).join('; ') || null),
      field('Tình trạng người bệnh lúc chuyển tuyến:', s.stateAtTransfer),
    ];
  }
  return [
    heading,
    field('Tóm tắt dấu hiệu lâm sàng:', s.clinicalSigns),
    ...course,
    field('Tóm tắt kết quả xét nghiệm, cận lâm sàng chính có giá trị chẩn đoán, theo dõi điều trị:', s.mainResults),
    ...diagnosisBlock(s),
    field('Phương pháp, thủ thuật đã thực hiện (nếu có):', procedureText(s)),
    field('Kỹ thuật, thuốc điều trị chính đã sử dụng:', treatment),
    field('Tình trạng người bệnh lúc chuyển cơ sở khám bệnh, chữa bệnh:', s.stateAtTransfer),
  ];
}

/** "Chuyển … hồi 10 giờ 20 phút, ngày 15 tháng 03 năm 2026" (dots for what is unknown). */
function transferSentence(s: ReferralSnapshot, w: ReferralWording): string {
  const t = viTime(s.transferAt);
  const d = viDayParts(s.transferAt);
  const time = t || `${DOTS} giờ ${DOTS} phút`;
  const day = d ? `ngày ${d.day} tháng ${d.month} năm ${d.year}` : `ngày ${DOTS} tháng ${DOTS} năm ${DOTS}`;
  return `${w.tt14 ? 'Chuyển tuyến' : 'Chuyển cơ sở khám bệnh, chữa bệnh'} hồi ${time}, ${day}.`;
}

export function closingBlock(s: ReferralSnapshot, w: ReferralWording): Content[] {
  const escort = [present(s.escortName), present(s.escortTitle)].filter(Boolean).join(', ') || null;
  return [
    field('Hướng điều trị:', s.treatmentDirection),
    { text: transferSentence(s, w), margin: [0, 1, 0, 1] },
    ...(w.tt14 ? [] : [field('Trường hợp chuyển cơ sở khám bệnh, chữa bệnh có giá trị trong 01 năm:', s.validOneYear ? 'Có' : 'Không', { strong: true })]),
    field('Phương tiện vận chuyển:', s.transport),
    field('Họ tên, chức danh, trình độ chuyên môn của người hộ tống (nếu có):', escort),
  ];
}
