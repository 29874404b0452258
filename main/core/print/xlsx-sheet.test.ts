import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters, XlsxSheet } from './xlsx-sheet.js';

async function readBack(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb.worksheets[0]!;
}

describe('one-sheet .xlsx writer', () => {
  it('writes text, numbers, styles, merges, frozen header and print titles that a spreadsheet reads back', async () => {
    const sheet = new XlsxSheet({ sheetName: 'Sổ khám bệnh', columnWidths: [6, 24, 12], frozenRows: 3, printTitleRow: 3, landscape: true });
    sheet.row(1, [{ value: 'SỔ KHÁM BỆNH', style: 'title' }]);
    sheet.merge(1, 1, 1, 3);
    sheet.row(3, ['STT', 'Họ và tên', 'Ngày sinh'], { style: 'header', height: 32 });
    sheet.row(4, [1, 'Nguyễn Văn Hùng', '30/04/1975'], { style: 'data' });
    sheet.row(5, [2, '  Lò Thị Ánh  ', null], { style: 'data' });
    const ws = await readBack(sheet.toBuffer());
    expect(ws.name).toBe('Sổ khám bệnh');
    expect(ws.getCell('A1').value).toBe('SỔ KHÁM BỆNH');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').font?.size).toBe(16);
    expect(ws.getCell('A1').isMerged && ws.getCell('C1').isMerged).toBe(true);
    expect(ws.getCell('B3').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFE6F4F1' } });
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.getCell('B4').border?.left?.style).toBe('thin');
    expect(ws.getCell('B5').value).toBe('  Lò Thị Ánh  ');
    expect(ws.getCell('C5').value).toBeNull();
    expect(ws.getRow(3).height).toBe(32);
    expect(ws.getColumn(2).width).toBe(24);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true });
  });

  it('keeps any user text valid XML: markup characters kept, control characters and broken surrogates dropped', async () => {
    const nasty = ['a < b & c > "d"', 'tab\there', 'bell\u0007 nul\u0000 esc\u001b', 'lone \ud800 surrogate', 'emoji 💉 ok', 'line\nbreak', ']]></t></is></c>'];
    const sheet = new XlsxSheet({ sheetName: "O'Brien <sheet>", columnWidths: [40] });
    nasty.forEach((v, i) => sheet.row(i + 1, [v]));
    const ws = await readBack(sheet.toBuffer());
    expect(nasty.map((_, i) => ws.getCell(i + 1, 1).value)).toEqual([
      'a < b & c > "d"',
      'tab\there',
      'bell nul esc',
      'lone  surrogate',
      'emoji 💉 ok',
      'line\nbreak',
      ']]></t></is></c>',
    ]);
  });

  it('is a well-formed zip archive (checked by unzip) and the same content gives the same bytes', () => {
    const make = () => {
      const s = new XlsxSheet({ sheetName: 'S', columnWidths: [10] });
      for (let r = 1; r <= 500; r++) s.row(r, [r, `dòng ${r}`]);
      return s.toBuffer();
    };
    const a = make();
    expect(make().equals(a)).toBe(true);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-')), 'a.xlsx');
    fs.writeFileSync(file, a);
    const listing = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(listing).toContain('No errors detected');
    expect(listing).toContain('xl/worksheets/sheet1.xml');
  });

  it('names columns as spreadsheets do', () => {
    expect([1, 17, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'Q', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('refuses rows written out of order (a programming error, not user input)', () => {
    const s = new XlsxSheet({ sheetName: 'S', columnWidths: [] });
    s.row(2, ['x']);
    expect(() => s.row(2, ['y'])).toThrow(/in order/);
  });
});
