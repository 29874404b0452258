import type { PatientRow } from '../../../shared/contract/ncd.js';
import type { Facility } from '../../../shared/contract/setup.js';
import { formatDateVi } from '../../../shared/dates.js';
import { translate, type MessageKey } from '../../../shared/i18n/index.js';
import { XlsxSheet, type XlsxValue } from '../print/xlsx-sheet.js';

export interface PatientListDoc {
  station: Facility;
  ended: boolean;
  /** "Chương trình: … · Thôn: … · Ngày lập: …" */
  filters: string;
  rows: readonly PatientRow[];
  programNameOf: (code: string) => string;
}

const bp = (r: PatientRow) => (r.latestBp ? `${r.latestBp.systolic}/${r.latestBp.diastolic}` : '');

/** The columns of the list, in Vietnamese (an official paper); the last two differ for the ended list. */
function columns(doc: PatientListDoc): { header: string; width: number; value: (r: PatientRow, n: number) => XlsxValue }[] {
  const common = [
    { header: 'STT', width: 6, value: (_: PatientRow, n: number) => n + 1 },
    { header: 'Họ và tên', width: 24, value: (r: PatientRow) => r.fullName },
    { header: 'Giới tính', width: 8, value: (r: PatientRow) => (r.sex === 'M' ? 'Nam' : 'Nữ') },
    { header: 'Ngày sinh', width: 12, value: (r: PatientRow) => formatDateVi(r.birthDate) },
    { header: 'Thôn/bản', width: 16, value: (r: PatientRow) => r.hamletName },
    { header: 'Điện thoại', width: 14, value: (r: PatientRow) => r.phone },
    { header: 'Chương trình', width: 22, value: (r: PatientRow) => doc.programNameOf(r.program) },
    { header: 'Ngày đăng ký', width: 12, value: (r: PatientRow) => formatDateVi(r.enrolledOn) },
    { header: 'Khám gần nhất', width: 12, value: (r: PatientRow) => formatDateVi(r.lastFollowupDate) },
    { header: 'HA gần nhất (mmHg)', width: 12, value: bp },
    { header: 'Đạt mục tiêu HA', width: 10, value: (r: PatientRow) => (r.bpAtTarget === null ? '' : r.bpAtTarget ? 'Đạt' : 'Chưa đạt') },
  ];
  return doc.ended
    ? [
        ...common,
        { header: 'Ngày kết thúc', width: 12, value: (r) => formatDateVi(r.endedOn) },
        { header: 'Lý do kết thúc', width: 20, value: (r) => (r.endReason ? translate('vi', `ncdui.endReason.${r.endReason}` as MessageKey) : '') },
      ]
    : [
        ...common,
        { header: 'Hẹn tái khám', width: 12, value: (r) => formatDateVi(r.nextAppointment) },
        { header: 'Quá hẹn', width: 8, value: (r) => (r.overdue ? 'Quá hẹn' : '') },
      ];
}

const HEADER_ROW = 6;

/** "Danh sách người bệnh đang quản lý" (or whose management ended) as .xlsx: facility, title, filters, one row a patient. */
export function patientListWorkbook(doc: PatientListDoc): Buffer {
  const cols = columns(doc);
  const sheet = new XlsxSheet({ sheetName: 'Danh sách', columnWidths: cols.map((c) => c.width), frozenRows: HEADER_ROW, printTitleRow: HEADER_ROW, landscape: true });
  sheet.row(1, [doc.station.governingBody.toUpperCase()]);
  sheet.row(2, [{ value: doc.station.name.toUpperCase(), style: 'bold' }]);
  sheet.row(4, [doc.ended ? 'DANH SÁCH NGƯỜI BỆNH ĐÃ KẾT THÚC QUẢN LÝ' : 'DANH SÁCH NGƯỜI BỆNH ĐANG QUẢN LÝ'], { style: 'title', height: 24 });
  sheet.merge(4, 1, 4, cols.length);
  sheet.row(5, [doc.filters], { style: 'subtitle' });
  sheet.merge(5, 1, 5, cols.length);
  sheet.row(HEADER_ROW, cols.map((c) => c.header), { style: 'header', height: 32 });
  doc.rows.forEach((r, n) => sheet.row(HEADER_ROW + 1 + n, cols.map((c) => c.value(r, n)), { style: 'data' }));
  sheet.row(HEADER_ROW + doc.rows.length + 2, [{ value: `Tổng số: ${doc.rows.length} người bệnh`, style: 'bold' }]);
  return sheet.toBuffer();
}
