import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';
import { ensureIcd10Loaded } from './icd10.js';
import { readFirstSheet } from './xlsx.js';

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64');
const ICD_HEADER = 'code,name_vi,name_en,chapter,code_nodot,dagger_asterisk,is_category,category_code,category_name_vi,category_name_en,group_code,group_name_vi,group_name_en,chapter_range,chapter_name_vi,chapter_name_en';

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh mục');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

describe('ICD-10 catalogue', () => {
  let t: TestStation;
  let admin: string;
  let physician: string;
  const codes = async (q: string, limit = 20) => (await t.ok('catalog.icdSearch', { q, limit }, { token: physician })).items.map((i) => i.code);

  beforeAll(async () => {
    t = createTestStation();
    admin = await setUpStation(t);
    physician = await signInAs(t, admin, 'physician');
  });
  afterAll(() => t.cleanup());

  it('loads the shipped QĐ 4469 list on first use, in one transaction', async () => {
    const cpu = process.cpuUsage();
    const ms = ensureIcd10Loaded(t.station);
    const { user, system } = process.cpuUsage(cpu);
    console.log(`[catalog] ICD-10 first load: ${ms.toFixed(0)} ms wall, ${((user + system) / 1000).toFixed(0)} ms CPU`);
    expect(ms).toBeGreaterThan(0);
    expect(ensureIcd10Loaded(t.station)).toBe(0);
    const status = await t.ok('catalog.status', {}, { token: physician });
    expect(status.icd10).toMatchObject({ rowCount: 12137, source: 'qd4469', sourceFile: 'icd10_vi.csv' });
    expect(status.icd10!.version).toContain('4469');
  });

  it('finds codes by prefix, with or without the dot, first', async () => {
    expect((await codes('J06')).slice(0, 4)).toEqual(['J06', 'J06.0', 'J06.8', 'J06.9']);
    expect((await codes('j069'))[0]).toBe('J06.9');
    expect((await codes('J06.9'))[0]).toBe('J06.9');
    expect((await codes(' e11 '))[0]).toBe('E11');
    const [first] = (await t.ok('catalog.icdSearch', { q: 'J06.9', limit: 1 }, { token: physician })).items;
    expect(first).toEqual({ code: 'J06.9', name: 'Nhiễm trùng đường hô hấp trên cấp, không phân loại', isCategory: false, notMain: false, sexOnly: null });
  });

  it('finds names by unaccented words in any order, folding đ', async () => {
    expect(await codes('viem hong cap')).toContain('J06.0');
    expect(await codes('cap hong viem')).toContain('J06.0');
    const diabetes = await codes('dai thao duong');
    expect(diabetes.some((c) => c.startsWith('E11'))).toBe(true);
    expect(await codes('Đái tháo đường')).toEqual(diabetes);
    expect(await codes('ĐÁI THÁO ĐƯỜNG')).toEqual(diabetes);
    expect(await codes('tang huyet ap')).toContain('I10');
    expect(await codes('tăng huyết áp')).toContain('I10');
    expect(await codes('zzzz qqqq')).toEqual([]);
    expect(await codes('   ')).toEqual([]);
  });

  it('carries the QĐ 4469 rules: not as main diagnosis, sex only', async () => {
    const item = async (code: string) => (await t.ok('catalog.icdSearch', { q: code, limit: 1 }, { token: physician })).items[0]!;
    expect(await item('B95.0')).toMatchObject({ notMain: true });
    expect(await item('Z32.0')).toMatchObject({ notMain: true, sexOnly: 'F' });
    expect(await item('N40')).toMatchObject({ isCategory: true, notMain: false, sexOnly: 'M' });
    const age = t.station.sqlite.prepare("SELECT age_rule FROM icd10 WHERE code = 'Z32.0'").get() as { age_rule: string };
    expect(age.age_rule).toContain('9 – 60 tuổi');
  });

  it('answers searches fast (measured, not asserted)', async () => {
    const queries = ['J06', 'j069', 'E11.9', 'viem hong', 'dai thao duong', 'tang huyet ap', 'gay xuong', 'nhiem trung', 'a', 'benh', 'viem phoi do vi khuan', 'I1'];
    const times: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const q of queries) {
        const started = performance.now();
        await t.ok('catalog.icdSearch', { q, limit: 20 }, { token: physician });
        times.push(performance.now() - started);
      }
    }
    console.log(`[catalog] icdSearch over ${times.length} calls (through dispatch): p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms`);
  });

  it('imports an official CSV, replacing the list and recording the version', async () => {
    const csv = [ICD_HEADER, 'A00,Bệnh tả,Cholera,I,A00,,1,,,,,,,,,', 'A00.0,"Bệnh tả do Vibrio cholerae 01, typ sinh học cholerae",,I,A000,,0,,,,,,,,,', 'B95.0,Liên cầu nhóm A,,I,B950,,0,,,,,,,,,'].join('\n');
    const r = await t.ok('catalog.importIcd10', { fileName: 'icd10_2026.csv', contentBase64: b64(csv), version: 'Thử 2026' }, { token: admin });
    expect(r).toEqual({ rowCount: 3, version: 'Thử 2026' });
    expect(await codes('A00')).toEqual(['A00', 'A00.0']);
    expect(await codes('vibrio')).toEqual(['A00.0']);
    expect((await t.ok('catalog.icdSearch', { q: 'B95.0', limit: 1 }, { token: physician })).items[0]!.notMain).toBe(true);
    const status = await t.ok('catalog.status', {}, { token: physician });
    expect(status.icd10).toMatchObject({ rowCount: 3, version: 'Thử 2026', source: 'import', sourceFile: 'icd10_2026.csv' });
  });

  it('refuses the whole CSV when a row is bad, naming rows in Vietnamese', async () => {
    const csv = [ICD_HEADER, 'J06.9,Nhiễm trùng hô hấp trên cấp,,X,,,,,,,,,,,,', 'J6,Sai mã,,,,,,,,,,,,,,', 'J07.1,,,,,,,,,,,,,,,', 'J06.9,Trùng,,,,,,,,,,,,,,'].join('\n');
    const r = await t.call('catalog.importIcd10', { fileName: 'bad.csv', contentBase64: b64(csv) }, { token: admin });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.details?.fields?.map((f) => f.message)).toEqual([
      'Dòng 3: mã "J6" không đúng dạng mã ICD-10 (ví dụ J06 hoặc J06.9)',
      'Dòng 4: thiếu tên',
      'Dòng 5: mã J06.9 trùng với dòng 2',
    ]);
    expect((await t.ok('catalog.status', {}, { token: admin })).icd10!.rowCount).toBe(3);
  });

  it('imports an XLSX with Vietnamese headers under a title row, and refuses a bad one', async () => {
    const good = await xlsx([['DANH MỤC ICD-10 (QĐ 4469)'], ['STT', 'Mã bệnh', 'Tên bệnh', 'Tên tiếng Anh'], [1, 'J06.9', 'Viêm đường hô hấp trên cấp, không đặc hiệu', 'Acute upper respiratory infection, unspecified'], [2, 'I10', 'Tăng huyết áp vô căn (nguyên phát)', null], [3, 'E11.9†', 'Đái tháo đường không phụ thuộc insulin, không biến chứng', null]]);
    expect(await t.ok('catalog.importIcd10', { fileName: 'Phu luc 4469.xlsx', contentBase64: good }, { token: admin })).toEqual({ rowCount: 3, version: 'Phu luc 4469' });
    expect(await codes('viem duong ho hap')).toEqual(['J06.9']);
    expect(t.station.sqlite.prepare("SELECT dagger_asterisk AS d, chapter FROM icd10 WHERE code = 'E11.9'").get()).toEqual({ d: '†', chapter: 'IV' });

    const bad = await xlsx([['Mã', 'Tên'], ['J06.9', 'Được'], ['XYZ', 'Sai'], ['', 'Không mã']]);
    const r = await t.call('catalog.importIcd10', { fileName: 'sai.xlsx', contentBase64: bad }, { token: admin });
    expect(!r.ok && r.error.details?.fields?.map((f) => f.path)).toEqual(['rows.3', 'rows.4']);
    expect((await t.ok('catalog.status', {}, { token: admin })).icd10!.version).toBe('Phu luc 4469');
  });

  it('refuses unreadable files, missing columns, and non-admins', async () => {
    const noName = await t.call('catalog.importIcd10', { fileName: 'x.csv', contentBase64: b64('code,ghi chu\nJ06,abc\n') }, { token: admin });
    expect(!noName.ok && noName.error).toMatchObject({ code: 'CATALOG_IMPORT_INVALID', message: expect.stringContaining('Tên bệnh (name_vi)') });
    const xls = await t.call('catalog.importIcd10', { fileName: 'cu.xls', contentBase64: b64('\xd0\xcf\x11\xe0') }, { token: admin });
    expect(!xls.ok && xls.error.code).toBe('CATALOG_IMPORT_INVALID');
    const broken = await t.call('catalog.importIcd10', { fileName: 'hong.xlsx', contentBase64: b64('PK\x03\x04 not really a zip') }, { token: admin });
    expect(!broken.ok && broken.error.code).toBe('CATALOG_IMPORT_INVALID');
    const forbidden = await t.call('catalog.importIcd10', { fileName: 'x.csv', contentBase64: b64('code,name_vi\nJ06,X\n') }, { token: physician });
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
  });
});

describe('medicines catalogue', () => {
  let t: TestStation;
  let admin: string;
  let nurse: string;
  const paracetamol = { code: 'para500', name: 'Paracetamol 500 mg', activeIngredient: 'Paracetamol', strength: '500 mg', unit: 'viên', route: 'uống' };

  beforeAll(async () => {
    t = createTestStation();
    admin = await setUpStation(t);
    nurse = await signInAs(t, admin, 'nurse');
  });
  afterAll(() => t.cleanup());

  it('saves a medicine (synced, with change-log entries) and finds it unaccented', async () => {
    const { medicine } = await t.ok('catalog.medicineSave', paracetamol, { token: nurse });
    expect(medicine).toMatchObject({ code: 'PARA500', bhytCovered: false, active: true });
    await t.ok('catalog.medicineSave', { code: 'DUONG5', name: 'Đường glucose 5%', activeIngredient: 'Glucose', unit: 'chai', bhytCovered: true }, { token: nurse });
    const find = async (q: string) => (await t.ok('catalog.medicineSearch', { q, limit: 10 }, { token: nurse })).items.map((m) => m.code);
    expect(await find('para')).toEqual(['PARA500']);
    expect(await find('500 paracet')).toEqual(['PARA500']);
    expect(await find('duong')).toEqual(['DUONG5']);
    expect(await find('glucose 5')).toEqual(['DUONG5']);
    expect(await find('acet')).toEqual([]);
    const log = t.station.sqlite.prepare("SELECT op, fields FROM change_log WHERE table_name = 'medicines' AND row_id = ?").all(medicine.id) as { op: string; fields: string }[];
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.fields)).toMatchObject({ code: 'PARA500', active_ingredient: 'Paracetamol', owner_facility: '01234' });

    await t.ok('catalog.medicineSave', { ...paracetamol, id: medicine.id, active: false }, { token: nurse });
    expect(await find('para')).toEqual([]);
    expect((await t.ok('catalog.medicineList', { includeInactive: true }, { token: nurse })).total).toBe(2);
    expect((await t.ok('catalog.medicineList', {}, { token: nurse })).items.map((m) => m.code)).toEqual(['DUONG5']);
  });

  it('refuses a code used by another medicine, and clerks or supervisors', async () => {
    const taken = await t.call('catalog.medicineSave', { ...paracetamol, name: 'Khác' }, { token: admin });
    expect(!taken.ok && taken.error).toMatchObject({ code: 'MEDICINE_CODE_TAKEN', message: 'Mã thuốc "PARA500" đã được dùng cho một thuốc khác.' });
    for (const role of ['clerk', 'supervisor'] as const) {
      const token = await signInAs(t, admin, role);
      const r = await t.call('catalog.medicineSave', { ...paracetamol, code: `X${role}` }, { token });
      expect(!r.ok && r.error.code).toBe('FORBIDDEN');
      expect((await t.ok('catalog.medicineSearch', { q: 'duong', limit: 5 }, { token })).items).toHaveLength(1);
    }
  });

  it('imports CSV and XLSX by code (upsert), all or nothing', async () => {
    const csv = ['Mã thuốc;Tên thuốc;Hoạt chất;Hàm lượng;Đơn vị tính;Đường dùng;BHYT', 'PARA500;Paracetamol 500 mg;Paracetamol;500 mg;viên;uống;có', 'AMOX500;Amoxicillin 500 mg;Amoxicillin;500 mg;viên;uống;x'].join('\r\n');
    expect(await t.ok('catalog.medicineImport', { fileName: 'thuoc.csv', contentBase64: b64(`\uFEFF${csv}`) }, { token: admin })).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    const amox = (await t.ok('catalog.medicineSearch', { q: 'amox', limit: 5 }, { token: nurse })).items[0]!;
    expect(amox).toMatchObject({ code: 'AMOX500', bhytCovered: true, route: 'uống' });

    const book = await xlsx([['code', 'name', 'active_ingredient', 'strength', 'unit', 'route'], ['AMOX500', 'Amoxicillin 500 mg', 'Amoxicillin', '500 mg', 'viên', 'uống'], ['ORS', 'Oresol', 'ORS', null, 'gói', 'uống']]);
    expect(await t.ok('catalog.medicineImport', { fileName: 'thuoc.xlsx', contentBase64: book }, { token: admin })).toEqual({ inserted: 1, updated: 0, unchanged: 1 });

    const bad = await xlsx([['Mã', 'Tên thuốc', 'Hoạt chất', 'ĐVT'], ['NEW1', 'Mới', 'Chất', 'viên'], ['NEW1', 'Trùng', 'Chất', 'viên'], ['NEW2', 'Không đơn vị', 'Chất', null], ['mã sai!', 'X', 'Y', 'viên']]);
    const r = await t.call('catalog.medicineImport', { fileName: 'sai.xlsx', contentBase64: bad }, { token: admin });
    expect(!r.ok && r.error.details?.fields?.map((f) => f.message)).toEqual([
      'Dòng 3: mã NEW1 trùng với dòng 2',
      'Dòng 4: thiếu đơn vị tính',
      'Dòng 5: mã thuốc "mã sai!" chỉ được gồm chữ không dấu, số và . _ - / (tối đa 30 ký tự)',
    ]);
    expect((await t.ok('catalog.medicineSearch', { q: 'moi', limit: 5 }, { token: nurse })).items).toEqual([]);
    const nurseImport = await t.call('catalog.medicineImport', { fileName: 'thuoc.xlsx', contentBase64: book }, { token: nurse });
    expect(!nurseImport.ok && nurseImport.error.code).toBe('FORBIDDEN');
  });

  it('imports the shipped starter list once, then finds nothing to change', async () => {
    const first = await t.ok('catalog.medicineImportStarter', {}, { token: admin });
    expect(first.inserted + first.updated).toBeGreaterThanOrEqual(40);
    const again = await t.ok('catalog.medicineImportStarter', {}, { token: admin });
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: first.inserted + first.updated + first.unchanged });
    const vitA = (await t.ok('catalog.medicineSearch', { q: 'vitamin a', limit: 5 }, { token: nurse })).items.map((m) => m.strength);
    expect(vitA).toEqual(expect.arrayContaining(['100.000 IU', '200.000 IU']));
    expect((await t.ok('catalog.status', {}, { token: nurse })).medicines.total).toBeGreaterThanOrEqual(40);
  });
});

describe('XLSX reader (synchronous, for write handlers)', () => {
  it('reads the first sheet: rich text, numbers, formulas, booleans, gaps', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('A');
    ws.getCell('A1').value = { richText: [{ text: 'Mã ', font: { bold: true } }, { text: 'bệnh & <x>' }] };
    ws.getCell('C1').value = 500;
    ws.getCell('D1').value = { formula: 'C1*2', result: 1000 };
    ws.getCell('A3').value = 'Đường huyết';
    ws.getCell('B3').value = true;
    wb.addWorksheet('B').getCell('A1').value = 'not read';
    expect(readFirstSheet(Buffer.from(await wb.xlsx.writeBuffer()))).toEqual([
      { row: 1, cells: ['Mã bệnh & <x>', '', '500', '1000'] },
      { row: 3, cells: ['Đường huyết', 'TRUE'] },
    ]);
  });
});
