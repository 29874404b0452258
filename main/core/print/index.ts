import { encodeSlipQr, type SlipQrData } from '../../../shared/referrals/qr-payload.js';
import { stationDay } from '../../../shared/referrals/datetime.js';
import { diagnosisLines, type SlipSnapshot } from '../../../shared/referrals/snapshot.js';
import { appointmentDocument } from './appointment.js';
import { renderPdf } from './pdf.js';
import { referralDocument } from './referral.js';

/** The QR content of a slip: type, number, facility, CCCD/BHYT, ICD-10 codes (main first), date of issue. */
export function slipQrData(s: SlipSnapshot): SlipQrData {
  const { main, secondary } = diagnosisLines(s.diagnoses);
  return {
    kind: s.kind,
    number: s.number ?? '',
    facilityCode: s.station.code,
    cccd: s.patient.cccd,
    bhytCardCode: s.patient.bhytCardCode,
    icdCodes: [main, ...secondary].filter((d) => d !== null).map((d) => d.icdCode),
    date: stationDay(s.issuedAt) ?? stationDay(s.kind === 'referral' ? s.transferAt : s.visitAt) ?? '1970-01-01',
  };
}

/** pdfmake document of a stored slip. */
export function slipDocument(s: SlipSnapshot): Record<string, unknown> {
  const qr = encodeSlipQr(slipQrData(s));
  return s.kind === 'referral' ? referralDocument(s, qr) : appointmentDocument(s, qr);
}

/** The file name offered for download: ASCII, with the number. */
export function slipFileName(s: SlipSnapshot): string {
  const base = s.kind === 'referral' ? 'phieu-chuyen-co-so-kbcb' : 'phieu-hen-kham-lai';
  const number = (s.number ?? 'nhap').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${base}-${number}${s.kind === 'referral' ? `-ban-${s.version}` : ''}.pdf`;
}

/** Renders a stored slip to PDF bytes. */
export function renderSlip(s: SlipSnapshot, resourcesDir: string): Promise<Buffer> {
  return renderPdf(slipDocument(s), resourcesDir);
}
