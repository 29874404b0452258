import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { XML13_FIELDS_4750, XML14_FIELDS_4750 } from './fields.js';
import { FIELD_LABELS, fieldTable } from './variants.js';

// The field dictionary this table was generated from lives next to the repository (../shared/data).
const CSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'xml130_fields.csv');

describe('XML13/XML14 field table', () => {
  it.skipIf(!fs.existsSync(CSV))('matches the QĐ 4750 field dictionary it was generated from', () => {
    const rows = parseCsv(fs.readFileSync(CSV, 'utf8'), { columns: true }) as Record<string, string>[];
    for (const [table, fields] of [['XML13', XML13_FIELDS_4750], ['XML14', XML14_FIELDS_4750]] as const) {
      const expected = rows
        .filter((r) => r.table === table)
        .map((r) => ({ element: r.element, type: r.type === 'Số' ? 'number' : 'string', maxLen: r.max_len === 'n' ? null : Number(r.max_len), required: r.required === 'Y', stt: Number(r.stt) }));
      expect(fields).toEqual(expected);
    }
  });

  it('has the sizes and key facts of xml130.md', () => {
    expect(XML13_FIELDS_4750).toHaveLength(39);
    expect(XML14_FIELDS_4750).toHaveLength(22);
    const f13 = Object.fromEntries(XML13_FIELDS_4750.map((f) => [f.element, f]));
    for (const e of ['DAU_HIEU_LS', 'QT_BENHLY', 'MA_LYDO_CT', 'HUONG_DIEU_TRI', 'PHUONGTIEN_VC', 'MA_BAC_SI', 'MA_TTDV']) expect(f13[e]!.required, e).toBe(true);
    expect(f13.MA_CSKCB!.maxLen).toBe(5);
    expect(f13.MA_TTDV!.maxLen).toBe(10);
    const f14 = Object.fromEntries(XML14_FIELDS_4750.map((f) => [f.element, f]));
    for (const e of ['SO_GIAYHEN_KL', 'MA_CSKCB', 'HO_TEN', 'NGAY_HEN_KL', 'MA_BAC_SI', 'MA_TTDV', 'NGAY_CT']) expect(f14[e]!.required, e).toBe(true);
    expect(f14.NGAY_CT!.maxLen).toBe(8);
  });

  it('applies exactly the documented QĐ 3176 changes to XML13', () => {
    const t4750 = fieldTable('XML13', 'qd4750').map((f) => f.element);
    const t3176 = fieldTable('XML13', 'qd3176');
    const names = t3176.map((f) => f.element);
    expect(names).not.toContain('MA_NOI_DI');
    expect(names).not.toContain('TEN_DICH_VU');
    expect(names).not.toContain('TEN_THUOC');
    expect(names).not.toContain('PP_DIEU_TRI');
    expect(names.indexOf('MA_CSKCB_DI')).toBe(t4750.indexOf('MA_NOI_DI'));
    expect(names.indexOf('MA_CSKCB_DEN')).toBe(t4750.indexOf('MA_NOI_DEN'));
    expect(names).toContain('TINH_TRANG_CT');
    expect(t3176.find((f) => f.element === 'MA_TTDV')!.maxLen).toBe(255);
    expect(t3176).toHaveLength(37);
    expect(fieldTable('XML14', 'qd3176')).toEqual(fieldTable('XML14', 'qd4750'));
  });

  it('has a Vietnamese label for every field of both variants', () => {
    for (const t of [...fieldTable('XML13', 'qd4750'), ...fieldTable('XML13', 'qd3176'), ...fieldTable('XML14', 'qd3176')]) expect(FIELD_LABELS[t.element], t.element).toBeTruthy();
  });
});
