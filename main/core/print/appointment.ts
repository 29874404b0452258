import { viDate, viDayParts } from '../../../shared/referrals/datetime.js';
import { diagnosisLines, type AppointmentSnapshot } from '../../../shared/referrals/snapshot.js';
import { DOTS, checkItem, dateLine, documentBase, field, fieldRow, nationalMotto, present, qrBlock, signature, stationBlock, type Content } from './blocks.js';

/**
 * The re-exam appointment slip on A5: PHIẾU HẸN KHÁM LẠI (Thông tư 01/2025/TT-BYT, Phụ lục V; forms.md).
 */
export const APPOINTMENT_FORM_NAME = 'Phụ lục V, Thông tư 01/2025/TT-BYT';

export function appointmentDocument(s: AppointmentSnapshot, qrPayload: string): Record<string, unknown> {
  const p = s.patient;
  const { main, secondary } = diagnosisLines(s.diagnoses);
  const diagnosis = present(s.diagnosisText) ?? (main ? main.icdName : null);
  const diagnosisWithCode = diagnosis ? `${diagnosis}${main ? ` (mã ICD-10: ${main.icdCode})` : ''}` : null;
  const comorbid = present(s.comorbidities) ?? (secondary.length ? secondary.map((d) => `${d.icdName} (${d.icdCode})`).join('; ') : null);
  const ret = viDayParts(s.returnDate);
  const size = 8.5;
  const content: Content[] = [
    {
      columns: [
        { width: 128, stack: [stationBlock(s.station, `Số: ${s.number ?? DOTS}`, size)] },
        { width: '*', stack: [nationalMotto(size, 100)] },
      ],
      columnGap: 6,
    },
    {
      columns: [
        { width: '*', text: '' },
        { width: 'auto', stack: [{ text: 'PHIẾU HẸN KHÁM LẠI', bold: true, fontSize: 13, alignment: 'center', margin: [0, 14, 0, 0] }] },
        { width: '*', stack: [{ ...(qrBlock(qrPayload, 54) as object), alignment: 'right' }] },
      ],
      margin: [0, 4, 0, 6],
    },
    field('Họ và tên:', p.fullName.toUpperCase(), { strong: true }),
    {
      columns: [
        { width: 'auto', text: 'Giới:' },
        { width: 'auto', stack: [checkItem('Nam', p.sex === 'M', { margin: [0, 0, 0, 0] })] },
        { width: 'auto', stack: [checkItem('Nữ', p.sex === 'F', { margin: [0, 0, 0, 0] })] },
        { width: '*', stack: [field('Ngày sinh:', viDate(p.birthDate), { margin: [0, 0, 0, 0] })] },
      ],
      columnGap: 10,
      margin: [0, 1, 0, 1],
    },
    field('Địa chỉ:', p.address),
    fieldRow([
      { label: 'Số thẻ BHYT:', value: p.bhytCardCode, width: '*' },
      { label: 'Giá trị sử dụng đến ngày', value: viDate(p.bhytValidTo), width: 175 },
    ]),
    field('Ngày khám bệnh:', viDate(s.visitAt)),
    field('Chẩn đoán:', diagnosisWithCode),
    field('Bệnh kèm theo:', comorbid),
    ...(present(s.note) ? [field('Lời dặn:', s.note)] : []),
    {
      text: [
        { text: 'Hẹn khám lại vào ' },
        { text: ret ? `ngày ${ret.day} tháng ${ret.month} năm ${ret.year}` : `ngày ${DOTS} tháng ${DOTS} năm ${DOTS}`, bold: true },
        { text: ', hoặc đến bất kỳ thời gian nào trước ngày được hẹn khám lại nếu có dấu hiệu (triệu chứng) bất thường.' },
      ],
      margin: [0, 4, 0, 2],
    },
    { text: 'Phiếu hẹn khám lại chỉ có giá trị sử dụng 01 (một) lần.', italics: true, margin: [0, 0, 0, 4] },
    { text: dateLine(s.station, s.issuedAt), italics: true, alignment: 'right', margin: [0, 2, 10, 2] },
    {
      columns: [
        { width: '*', stack: [signature('ĐẠI DIỆN CƠ SỞ KHÁM BỆNH, CHỮA BỆNH', '(Ký tên, đóng dấu)', [present(s.signer.title), present(s.signer.name)].filter(Boolean).join(' ') || null, undefined, 8.5)] },
        { width: '*', stack: [signature('BÁC SĨ/Y SĨ KHÁM BỆNH', '(Ký, ghi rõ họ tên)', [present(s.physician.title), present(s.physician.name)].filter(Boolean).join(' ') || null, undefined, 8.5)] },
      ],
      columnGap: 12,
      unbreakable: true,
    },
  ];
  const title = `PHIẾU HẸN KHÁM LẠI số ${s.number ?? '(chưa cấp số)'}`;
  return {
    ...documentBase(title, 'A5', [30, 24, 28, 30], 9.5),
    info: { title, subject: `Mẫu: ${APPOINTMENT_FORM_NAME}`, keywords: `form=${s.formVersion}`, author: s.station.name, creator: 'Trạm Y tế số' },
    footer: () => ({ text: `Mẫu: ${APPOINTMENT_FORM_NAME} · ${s.number ? `Số ${s.number}` : 'Bản nháp'}`, fontSize: 6.5, color: '#555555', italics: true, margin: [30, 10, 28, 0] }),
    content,
  };
}
