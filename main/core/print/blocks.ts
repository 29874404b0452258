import { viDayParts } from '../../../shared/referrals/datetime.js';
import type { StationHeader } from '../../../shared/referrals/snapshot.js';

/** Building blocks shared by the slip layouts (pdfmake document nodes). */

export type Content = string | { [key: string]: unknown } | Content[];

/** What prints where a paper form leaves dots to fill in by hand. */
export const DOTS = '…………';

/** Present text, or null: blank, "undefined" and "null" never reach the page. */
export function present(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v && v !== 'undefined' && v !== 'null' ? v : null;
}

/** A one-cell table with only a dotted bottom border: a dotted line filling the rest of the line. */
function dottedFill(): Content {
  return {
    width: '*',
    table: { widths: ['*'], body: [[{ text: ' ' }]] },
    layout: {
      hLineWidth: (i: number) => (i === 1 ? 0.7 : 0),
      vLineWidth: () => 0,
      hLineStyle: () => ({ dash: { length: 0.7, space: 1.8 } }),
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
  };
}

/** "Label: value"; an empty value prints as a dotted line to the end of the line, like the paper form. */
export function field(label: string, value: string | null | undefined, opts: { strong?: boolean; margin?: number[] } = {}): Content {
  const v = present(value);
  const margin = opts.margin ?? [0, 1, 0, 1];
  if (v) return { text: [{ text: `${label} ` }, { text: v, bold: opts.strong ?? false }], margin };
  return { columns: [{ width: 'auto', text: label }, dottedFill()], columnGap: 3, margin };
}

/** Several fields on one line, in columns of the given widths ('*' or points). */
export function fieldRow(parts: { label: string; value: string | null | undefined; width: number | string; strong?: boolean }[]): Content {
  return {
    columns: parts.map((p) => ({ width: p.width, stack: [field(p.label, p.value, { strong: p.strong, margin: [0, 0, 0, 0] })] })),
    columnGap: 10,
    margin: [0, 1, 0, 1],
  };
}

/** A small check box (□ / ☒ drawn, since the font has no box glyphs). */
export function box(checked: boolean): Content {
  const s = 8;
  const lines = checked
    ? [
        { type: 'line', x1: 1.5, y1: 1.5, x2: s - 1.5, y2: s - 1.5, lineWidth: 1 },
        { type: 'line', x1: s - 1.5, y1: 1.5, x2: 1.5, y2: s - 1.5, lineWidth: 1 },
      ]
    : [];
  return { width: s + 2, canvas: [{ type: 'rect', x: 0, y: 0, w: s, h: s, lineWidth: 0.7 }, ...lines], margin: [0, 2.5, 0, 0] };
}

/** Text followed by a check box. */
export function checkItem(text: string, checked: boolean, opts: { bold?: boolean; margin?: number[] } = {}): Content {
  return { columns: [{ width: 'auto', text, bold: opts.bold ?? false }, box(checked)], columnGap: 5, margin: opts.margin ?? [0, 1, 0, 1] };
}

/** A number with a circle drawn around it when chosen ("khoanh tròn"). */
export function circled(label: string, chosen: boolean): Content {
  if (!chosen) return { width: 16, text: label };
  return {
    width: 16,
    stack: [
      { canvas: [{ type: 'ellipse', x: 4.6, y: 6.4, r1: 7.2, r2: 6.6, lineWidth: 0.8 }] },
      { text: label, bold: true, relativePosition: { x: 0, y: -13 } },
    ],
  };
}

/** "Bảo Thắng" from "Xã Bảo Thắng": the place written before the date. */
export function placeName(station: StationHeader): string {
  return station.communeName.replace(/^(Xã|Phường|Đặc khu|Thị trấn)\s+/i, '').trim() || station.communeName;
}

/** "Bảo Thắng, ngày 15 tháng 03 năm 2026", with dots for an unknown date. */
export function dateLine(station: StationHeader, iso: string | null | undefined): string {
  const d = viDayParts(iso);
  return d ? `${placeName(station)}, ngày ${d.day} tháng ${d.month} năm ${d.year}` : `${placeName(station)}, ngày ${DOTS} tháng ${DOTS} năm ${DOTS}`;
}

/** CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc, with the short rule under it. */
export function nationalMotto(fontSize: number, ruleWidth: number): Content {
  return {
    stack: [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, fontSize },
      { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, fontSize: fontSize + 0.5 },
      { canvas: [{ type: 'line', x1: 0, y1: 1, x2: ruleWidth, y2: 1, lineWidth: 0.6 }], alignment: 'center', margin: [0, 1, 0, 0] },
    ],
    alignment: 'center',
  };
}

/** Governing body / FACILITY NAME / short rule / Số: … (left column of every slip header). */
export function stationBlock(station: StationHeader, numberLine: string, fontSize: number): Content {
  return {
    stack: [
      { text: station.governingBody.toUpperCase(), fontSize },
      { text: station.name.toUpperCase(), bold: true, fontSize },
      { canvas: [{ type: 'line', x1: 0, y1: 1, x2: 60, y2: 1, lineWidth: 0.6 }], margin: [0, 1, 0, 2] },
      { text: numberLine, fontSize },
    ],
    alignment: 'center',
  };
}

/** A signature column: title, note in italics, room to sign, then the name. */
export function signature(title: string, note: string, name: string | null | undefined, above?: string, titleSize?: number): Content {
  return {
    stack: [
      ...(above ? [{ text: above, italics: true, margin: [0, 0, 0, 2] }] : []),
      { text: title, bold: true, ...(titleSize ? { fontSize: titleSize } : {}) },
      { text: note, italics: true, fontSize: 9.5 },
      { text: present(name) ?? ' ', bold: true, margin: [0, 40, 0, 0] },
    ],
    alignment: 'center',
  };
}

/** The QR of the slip's payload with a caption. */
export function qrBlock(payload: string, fit: number): Content {
  return { stack: [{ qr: payload, fit, eccLevel: 'M', alignment: 'center' }], alignment: 'center' };
}

/** Common document settings: Roboto, sizes, metadata (the title carries the number for the print log). */
export function documentBase(title: string, pageSize: 'A4' | 'A5', margins: number[], fontSize: number): Record<string, unknown> {
  return {
    pageSize,
    pageOrientation: 'portrait',
    pageMargins: margins,
    info: { title, author: 'Trạm Y tế số', creator: 'Trạm Y tế số' },
    defaultStyle: { font: 'Roboto', fontSize, lineHeight: 1.15 },
    language: 'vi-VN',
  };
}
