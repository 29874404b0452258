import type { ReferralSnapshot } from '../../../shared/referrals/snapshot.js';
import { DOTS, box, circled, dateLine, documentBase, field, nationalMotto, present, qrBlock, signature, stationBlock, type Content } from './blocks.js';
import { closingBlock, patientBlock, summaryBlock, type ReferralWording } from './referral-parts.js';

/**
 * The referral slip on A4: PHIẾU CHUYỂN CƠ SỞ KHÁM BỆNH, CHỮA BỆNH BẢO HIỂM Y TẾ (Thông tư 01/2025/TT-BYT,
 * Phụ lục VI; the default) or GIẤY CHUYỂN TUYẾN (Thông tư 14/2014/TT-BYT, Phụ lục 1), laid out as forms.md
 * describes them. The form version is printed in the footer and written in the PDF's metadata.
 */
export const REFERRAL_FORM_NAMES = {
  tt01_2025: 'Phụ lục VI, Thông tư 01/2025/TT-BYT',
  tt14_2014: 'Phụ lục 1, Thông tư 14/2014/TT-BYT',
} as const;

function header(s: ReferralSnapshot, w: ReferralWording, qrPayload: string): Content {
  const size = 9.5;
  return {
    columns: [
      { width: 150, stack: [stationBlock(s.station, `Số: ${s.number ?? `${DOTS}/${w.tt14 ? '20…/GCT' : 'PCCSKBCB'}`}`, size)] },
      { width: '*', stack: [nationalMotto(size, 120)] },
      {
        width: 122,
        stack: [
          { text: `Số hồ sơ: ${present(s.recordNumber) ?? DOTS}`, fontSize: size },
          { text: `${w.tt14 ? 'Vào sổ chuyển tuyến số' : 'Vào sổ chuyển cơ sở KBCB số'}: ${s.seq ?? DOTS}`, fontSize: size },
          { ...(qrBlock(qrPayload, 70) as object), margin: [0, 4, 0, 0] },
        ],
      },
    ],
    columnGap: 6,
  };
}

function reasonBlock(s: ReferralSnapshot, w: ReferralWording): Content[] {
  if (w.tt14) {
    return [
      { text: [{ text: 'Lý do chuyển tuyến: ', bold: true }, { text: 'Khoanh tròn vào lý do chuyển tuyến phù hợp sau đây:', italics: true }], margin: [0, 3, 0, 1] },
      { columns: [circled('1.', s.reason !== '3'), { width: '*', text: 'Đủ điều kiện chuyển tuyến.' }], columnGap: 4, margin: [12, 2, 0, 1] },
      { columns: [circled('2.', s.reason === '3'), { width: '*', text: 'Theo yêu cầu của người bệnh hoặc người đại diện hợp pháp của người bệnh.' }], columnGap: 4, margin: [12, 2, 0, 1] },
    ];
  }
  return [
    { text: 'Lý do chuyển cơ sở khám bệnh, chữa bệnh:', bold: true, margin: [0, 3, 0, 1] },
    { columns: [circled('1.', s.reason !== '3'), { width: '*', text: 'Đủ điều kiện chuyển cơ sở khám bệnh, chữa bệnh:' }], columnGap: 4, margin: [12, 2, 0, 0] },
    { columns: [{ width: 'auto', text: 'a) Phù hợp với quy định chuyển cấp chuyên môn kỹ thuật' }, box(s.reason === '1')], columnGap: 6, margin: [34, 1, 0, 0] },
    { columns: [{ width: 'auto', text: 'b) Không phù hợp với khả năng đáp ứng của cơ sở khám bệnh, chữa bệnh' }, box(s.reason === '2')], columnGap: 6, margin: [34, 1, 0, 1] },
    { columns: [circled('2.', s.reason === '3'), { width: '*', text: 'Theo yêu cầu của người bệnh hoặc người đại diện hợp pháp của người bệnh.' }], columnGap: 4, margin: [12, 2, 0, 1] },
  ];
}

function signatures(s: ReferralSnapshot, w: ReferralWording): Content {
  const physician = [present(s.physician.title), present(s.physician.name)].filter(Boolean).join(' ') || null;
  return {
    columns: [
      { width: '*', stack: [{ text: ' ', margin: [0, 0, 0, 2] }, signature('Y, BÁC SĨ KHÁM, ĐIỀU TRỊ', '(Ký và ghi rõ họ tên)', physician)] },
      {
        width: '*',
        stack: [
          signature(
            w.tt14 ? 'NGƯỜI CÓ THẨM QUYỀN CHUYỂN TUYẾN' : 'ĐẠI DIỆN CƠ SỞ KHÁM BỆNH, CHỮA BỆNH',
            '(Ký tên, đóng dấu)',
            [present(s.signer.title), present(s.signer.name)].filter(Boolean).join(' ') || null,
            dateLine(s.station, s.issuedAt),
          ),
        ],
      },
    ],
    columnGap: 20,
    margin: [0, 8, 0, 0],
    unbreakable: true,
  };
}

/** The pdfmake document of a referral slip. */
export function referralDocument(s: ReferralSnapshot, qrPayload: string): Record<string, unknown> {
  const w: ReferralWording = { tt14: s.formVersion === 'tt14_2014' };
  const title = w.tt14 ? 'GIẤY CHUYỂN TUYẾN' : 'PHIẾU CHUYỂN CƠ SỞ KHÁM BỆNH, CHỮA BỆNH BẢO HIỂM Y TẾ';
  const formName = REFERRAL_FORM_NAMES[s.formVersion];
  const destination = present(s.destination.name);
  const content: Content[] = [
    header(s, w, qrPayload),
    { text: title, bold: true, fontSize: 13, alignment: 'center', margin: [0, 8, 0, 2] },
    { text: [{ text: 'Kính gửi: ' }, { text: destination ?? DOTS.repeat(4), bold: true }], alignment: 'center', margin: [0, 0, 0, 6] },
    field('Cơ sở khám bệnh, chữa bệnh:', `${s.station.name} trân trọng giới thiệu:`),
    ...patientBlock(s, w),
    ...summaryBlock(s, w),
    ...reasonBlock(s, w),
    ...closingBlock(s, w),
    signatures(s, w),
  ];
  return {
    ...documentBase(`${title} số ${s.number ?? '(chưa cấp số)'}`, 'A4', [50, 28, 38, 34], 9.5),
    info: {
      title: `${title} số ${s.number ?? '(chưa cấp số)'}`,
      subject: `Mẫu: ${formName}`,
      keywords: `form=${s.formVersion}; version=${s.version}`,
      author: s.station.name,
      creator: 'Trạm Y tế số',
    },
    footer: (page: number, pages: number) => ({
      text: `Mẫu: ${formName} · ${s.number ? `Số ${s.number}` : 'Bản nháp, chưa cấp số'} · bản ${s.version}${pages > 1 ? ` · trang ${page}/${pages}` : ''}`,
      fontSize: 7.5,
      color: '#555555',
      italics: true,
      margin: [50, 12, 40, 0],
    }),
    ...(s.number ? {} : { watermark: { text: 'BẢN NHÁP', opacity: 0.12, bold: true } }),
    content,
  };
}
