import type { Aefi, DueRow, FileOutput } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import { stationWallTime } from '../../../shared/referrals/datetime.js';
import type { StationHeader } from '../../../shared/referrals/snapshot.js';
import { translate } from '../../../shared/i18n/index.js';
import { dateLine, documentBase, nationalMotto, signature, type Content } from '../print/blocks.js';
import { renderPdf } from '../print/pdf.js';

/**
 * The immunization printouts (pdfmake, A4, the station header as on every form of the station): the invitation and
 * call lists of a session, the absentees after it, the vaccine requisition, the adverse-event report and the child
 * immunization register. Always Vietnamese: they are the station's paperwork.
 */

const vi = (key: string, params: Record<string, string | number> = {}) => translate('vi', key, params);

/** dd/mm/yyyy hh:mm in Viet Nam time (UTC+7) whatever the server's time zone. */
function stationDateTime(instant: string | null | undefined): string {
  const t = stationWallTime(instant);
  if (!t) return '';
  const day = formatDateVi(t.slice(0, 10));
  return t.length > 10 ? `${day} ${t.slice(11, 16)}` : day;
}

export async function pdfFile(doc: object, resourcesDir: string, fileName: string): Promise<FileOutput> {
  const bytes = await renderPdf(doc, resourcesDir);
  return { fileName, mimeType: 'application/pdf', contentBase64: bytes.toString('base64') };
}

/** Governing body and station at the left, the national motto at the right, then the title lines. */
function header(station: StationHeader, title: string, subtitle: string[], landscape: boolean): Content[] {
  return [
    {
      columns: [
        {
          width: landscape ? 260 : 200,
          stack: [
            { text: station.governingBody.toUpperCase(), fontSize: 9 },
            { text: station.name.toUpperCase(), bold: true, fontSize: 9 },
            { canvas: [{ type: 'line', x1: 0, y1: 1, x2: 60, y2: 1, lineWidth: 0.6 }], margin: [0, 1, 0, 0] },
          ],
          alignment: 'center',
        },
        { width: '*', stack: [nationalMotto(9, 120)] },
      ],
    },
    { text: title, bold: true, fontSize: 13, alignment: 'center', margin: [0, 12, 0, 2] },
    ...subtitle.map((s) => ({ text: s, alignment: 'center', italics: true, margin: [0, 0, 0, 1] })),
    { text: ' ', margin: [0, 0, 0, 4] },
  ];
}

function table(widths: (number | string)[], head: string[], body: (string | Content)[][], fontSize = 8.5, padding = 4): Content {
  return {
    table: {
      headerRows: 1,
      widths,
      dontBreakRows: true,
      body: [head.map((h) => ({ text: h, bold: true, alignment: 'center', fillColor: '#e6f4f1' })), ...body],
    },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 2, paddingBottom: () => 2, paddingLeft: () => padding, paddingRight: () => padding },
    fontSize,
  };
}

function footer(station: StationHeader, title: string) {
  return (page: number, pages: number) => ({
    columns: [
      { text: `${station.name} · ${title}`, fontSize: 7, color: '#555555' },
      { text: `Trang ${page}/${pages}`, fontSize: 7, alignment: 'right', color: '#555555' },
    ],
    margin: [30, 8, 30, 0],
  });
}

function base(title: string, landscape: boolean) {
  return { ...documentBase(title, 'A4', [30, 28, 30, 34], 9), pageOrientation: landscape ? 'landscape' : 'portrait' };
}

const doseList = (r: DueRow) => r.doses.map((d) => `${d.label}${d.state === 'overdue' ? ' (quá hạn)' : ''}`).join(', ');
const parents = (r: DueRow) => [r.person.motherName, r.person.fatherName].filter(Boolean).join(' / ') || r.person.carerName || '';
const age = (r: DueRow) => (r.ageMonths === null ? '' : r.ageMonths < 24 ? `${r.ageMonths} th` : `${Math.floor(r.ageMonths / 12)} t`);

export interface SessionHeading {
  date: string;
  place: string;
  hamletNames: string[];
}

/** Invitation list (danh sách mời), call list (danh sách gọi điện), or absentees (vắng mặt, for follow-up). */
export function dueListDocument(station: StationHeader, s: SessionHeading, groups: { hamletName: string | null; rows: DueRow[] }[], kind: 'invitation' | 'call' | 'absentees'): object {
  const titles = { invitation: 'DANH SÁCH ĐỐI TƯỢNG TIÊM CHỦNG', call: 'DANH SÁCH GỌI ĐIỆN NHẮC TIÊM CHỦNG', absentees: 'DANH SÁCH ĐỐI TƯỢNG VẮNG MẶT' };
  const title = titles[kind];
  const content: Content[] = header(station, title, [`Buổi tiêm chủng ngày ${formatDateVi(s.date)} tại ${s.place}`, `Thôn/bản: ${s.hamletNames.join(', ')}`], true);
  let total = 0;
  for (const g of groups) {
    if (g.rows.length === 0) continue;
    total += g.rows.length;
    content.push({ text: `${g.hamletName ?? 'Chưa rõ thôn/bản'} (${g.rows.length})`, bold: true, margin: [0, 6, 0, 3] });
    const body = g.rows.map((r, i) => {
      const common = [String(i + 1), { text: r.person.fullName, bold: true }, formatDateVi(r.person.birthDate), age(r)];
      if (kind === 'call') return [...common, parents(r), r.person.phones.join(', '), doseList(r), '', ''];
      return [...common, parents(r), r.person.address ?? '', r.person.phones.join(', '), doseList(r), ''];
    });
    content.push(
      kind === 'call'
        ? table([18, 110, 50, 28, 110, 90, '*', 60, 60], ['STT', 'Họ và tên', 'Ngày sinh', 'Tuổi', 'Cha/mẹ', 'Điện thoại', 'Mũi cần tiêm', 'Đã gọi (ngày)', 'Kết quả'], body)
        : table([18, 110, 50, 28, 110, 110, 70, '*', 50], ['STT', 'Họ và tên', 'Ngày sinh', 'Tuổi', 'Cha/mẹ', 'Địa chỉ', 'Điện thoại', 'Mũi cần tiêm', 'Ghi chú'], body),
    );
  }
  if (total === 0) content.push({ text: 'Không có đối tượng.', italics: true });
  content.push({ text: `Tổng số: ${total} đối tượng`, bold: true, margin: [0, 6, 0, 0] });
  content.push({
    columns: [{ width: '*', text: '' }, { width: 260, stack: [{ text: dateLine(station, s.date), italics: true, alignment: 'center' }, signature('NGƯỜI LẬP DANH SÁCH', '(Ký, ghi rõ họ tên)', null)] }],
    margin: [0, 10, 0, 0],
    unbreakable: true,
  });
  return { ...base(title, true), footer: footer(station, title), content };
}

export interface RequisitionRow {
  vaccineName: string;
  doses: number;
  wastageFactor: number;
  vialSize: number;
  vials: number;
  onHandVials: number;
  shortfallVials: number;
  nearestExpiry: string | null;
}

export function requisitionDocument(station: StationHeader, s: SessionHeading, rows: RequisitionRow[], today: string): object {
  const title = 'PHIẾU DỰ TRÙ VẮC XIN';
  const body = rows.map((r, i) => [
    String(i + 1),
    r.vaccineName,
    String(r.doses),
    r.wastageFactor.toFixed(2).replace('.', ','),
    String(r.vialSize),
    String(r.vials),
    String(r.onHandVials),
    { text: String(r.shortfallVials), bold: true },
    r.nearestExpiry ? formatDateVi(r.nearestExpiry) : '',
  ]);
  const content: Content[] = [
    ...header(station, title, [`Cho buổi tiêm chủng ngày ${formatDateVi(s.date)} tại ${s.place}`, `Thôn/bản: ${s.hamletNames.join(', ')}`], false),
    table([18, '*', 38, 38, 38, 38, 38, 42, 50], ['STT', 'Vắc xin', 'Số liều cần', 'Hệ số hao phí', 'Liều/lọ', 'Số lọ cần', 'Lọ tồn kho', 'Số lọ dự trù', 'Hạn dùng gần nhất'], body, 8.5),
    { text: 'Số lọ cần = làm tròn lên (số liều × hệ số hao phí ÷ số liều mỗi lọ); lọ tồn kho tính các lọ nguyên còn hạn dùng.', italics: true, fontSize: 7.5, margin: [0, 4, 0, 0] },
    {
      columns: [
        { width: '*', stack: [signature('NGƯỜI LẬP PHIẾU', '(Ký, ghi rõ họ tên)', null)] },
        { width: '*', stack: [{ text: dateLine(station, today), italics: true, alignment: 'center' }, signature('TRƯỞNG TRẠM', '(Ký, ghi rõ họ tên)', null)] },
      ],
      margin: [0, 14, 0, 0],
      unbreakable: true,
    },
  ];
  return { ...base(title, false), footer: footer(station, title), content };
}

export interface AefiReportData {
  event: Aefi;
  person: { fullName: string; birthDate: string; sex: 'M' | 'F'; address: string | null; parents: string | null; phones: string[] };
  doses: { vaccineName: string; label: string | null; givenAt: string | null; givenOn: string; lotNumber: string | null; expiry: string | null; site: string | null; route: string | null; vaccinatorName: string | null }[];
}

export function aefiReportDocument(station: StationHeader, d: AefiReportData, today: string): object {
  const e = d.event;
  const serious = e.severity === 'serious';
  const title = serious ? 'BÁO CÁO TAI BIẾN NẶNG SAU TIÊM CHỦNG' : 'BÁO CÁO PHẢN ỨNG SAU TIÊM CHỦNG';
  const line = (label: string, value: string | null | undefined) => ({ text: [{ text: `${label} ` }, { text: value && value.trim() ? value : '…………', bold: true }], margin: [0, 1.5, 0, 1.5] });
  const content: Content[] = [
    ...header(station, title, [`Mã sự cố: ${e.id.slice(-12).toUpperCase()}`], false),
    ...(serious ? [{ text: 'TAI BIẾN NẶNG — BÁO CÁO NGAY LÊN TUYẾN TRÊN (TT 12/2014/TT-BYT)', bold: true, color: '#b00020', alignment: 'center', margin: [0, 0, 0, 6] } as Content] : []),
    { text: '1. Thông tin người được tiêm chủng', bold: true, margin: [0, 4, 0, 2] },
    line('Họ và tên:', d.person.fullName.toUpperCase()),
    line('Ngày sinh:', `${formatDateVi(d.person.birthDate)}    Giới: ${d.person.sex === 'M' ? 'Nam' : 'Nữ'}`),
    line('Cha/mẹ (người chăm sóc):', d.person.parents),
    line('Địa chỉ:', d.person.address),
    line('Điện thoại:', d.person.phones.join(', ')),
    { text: '2. Vắc xin đã tiêm', bold: true, margin: [0, 6, 0, 2] },
    d.doses.length
      ? table(
          ['*', 70, 55, 55, 60, 70],
          ['Vắc xin (mũi)', 'Thời gian tiêm', 'Số lô', 'Hạn dùng', 'Vị trí, đường tiêm', 'Người tiêm'],
          d.doses.map((x) => [
            `${x.vaccineName}${x.label ? ` (${x.label})` : ''}`,
            x.givenAt ? stationDateTime(x.givenAt) : formatDateVi(x.givenOn),
            x.lotNumber ?? '',
            x.expiry ? formatDateVi(x.expiry) : '',
            // An oral vaccine's site and route are both "Uống": print it once.
            [...new Set([x.site ? vi(`imm.site.${x.site}`) : '', x.route ? vi(`imm.route.${x.route}`) : ''].filter(Boolean))].join(', '),
            x.vaccinatorName ?? '',
          ]),
        )
      : { text: 'Không ghi nhận mũi tiêm cụ thể.', italics: true },
    { text: '3. Diễn biến', bold: true, margin: [0, 6, 0, 2] },
    line('Phân loại:', vi(`imm.aefi.severity.${e.severity}`)),
    line('Thời điểm khởi phát:', stationDateTime(e.onsetAt)),
    line('Dấu hiệu:', e.signs.map((s) => vi(`imm.aefi.sign.${s}`)).join('; ')),
    line('Phản vệ (độ):', e.anaphylaxisGrade ? ['I', 'II', 'III', 'IV'][e.anaphylaxisGrade - 1]! : 'Không'),
    { text: '4. Xử trí và kết quả', bold: true, margin: [0, 6, 0, 2] },
    line('Xử trí:', [e.actions.map((a) => vi(`imm.aefi.action.${a}`)).join('; '), e.actionsText].filter(Boolean).join('. ')),
    line('Kết quả:', vi(`imm.aefi.outcome.${e.outcome}`)),
    line('Chuyển đến:', e.referredTo),
    line('Ghi chú:', e.note),
    {
      columns: [
        { width: '*', stack: [signature('NGƯỜI BÁO CÁO', '(Ký, ghi rõ họ tên)', e.reporterName)] },
        { width: '*', stack: [{ text: dateLine(station, today), italics: true, alignment: 'center' }, signature('TRƯỞNG TRẠM', '(Ký, ghi rõ họ tên)', null)] },
      ],
      margin: [0, 14, 0, 0],
      unbreakable: true,
    },
  ];
  return { ...base(title, false), footer: footer(station, title), content };
}

export interface RegisterPrintRow {
  order: number;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  parentName: string | null;
  address: string | null;
  bcg: string | null;
  hepbBirth: string | null;
  hepbWithin24h: boolean | null;
  dpt: (string | null)[];
  opv: (string | null)[];
  ipv: (string | null)[];
  measles1: string | null;
  fullyImmunizedOn: string | null;
  dpt4: string | null;
  measles2: string | null;
  motherUvDoses: number | null;
  notes: string;
}

const d = (x: string | null | undefined) => (x ? formatDateVi(x).slice(0, 6) + formatDateVi(x).slice(8) : '');

/** Register A2.1 (sổ tiêm chủng cơ bản trẻ em) on A4 landscape; dates as dd/mm/yy to fit the columns. */
export function registerDocument(station: StationHeader, from: string, to: string, hamletName: string | null, rows: RegisterPrintRow[]): object {
  const title = 'SỔ TIÊM CHỦNG CƠ BẢN TRẺ EM';
  const head = ['STT', 'Họ và tên trẻ', 'Ngày sinh', 'Giới', 'Họ tên mẹ/cha', 'Địa chỉ', 'BCG', 'VGB ≤24h', 'VGB >24h', 'DPT-VGB-Hib 1', '2', '3', 'bOPV 1', '2', '3', 'IPV', 'Sởi 1', 'TCĐĐ', 'DPT4', 'Sởi 2 (MR)', 'UV mẹ', 'Ghi chú'];
  const body = rows.map((r) => [
    String(r.order),
    r.fullName,
    d(r.birthDate),
    r.sex === 'M' ? 'Nam' : 'Nữ',
    r.parentName ?? '',
    r.address ?? '',
    d(r.bcg),
    r.hepbWithin24h === true ? d(r.hepbBirth) : '',
    r.hepbWithin24h !== true ? d(r.hepbBirth) : '',
    d(r.dpt[0]),
    d(r.dpt[1]),
    d(r.dpt[2]),
    d(r.opv[0]),
    d(r.opv[1]),
    d(r.opv[2]),
    d(r.ipv[0]),
    d(r.measles1),
    d(r.fullyImmunizedOn),
    d(r.dpt4),
    d(r.measles2),
    r.motherUvDoses === null ? '' : String(r.motherUvDoses),
    r.notes,
  ]);
  const w = 28;
  const content: Content[] = [
    ...header(station, title, [`Trẻ sinh từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}${hamletName ? ` — ${hamletName}` : ''}`], true),
    table([14, 66, 30, 16, 58, 58, w, w, w, w, w, w, w, w, w, w, w, w, w, w, 16, '*'], head, body, 6.5, 2),
    { text: `Tổng số: ${rows.length} trẻ. TCĐĐ: ngày tiêm chủng đầy đủ trước 1 tuổi (BCG, 3 mũi DPT-VGB-Hib, 3 lần bOPV, IPV, sởi).`, fontSize: 7, italics: true, margin: [0, 4, 0, 0] },
  ];
  return { ...base(title, true), pageMargins: [20, 24, 20, 30], footer: footer(station, title), content };
}
