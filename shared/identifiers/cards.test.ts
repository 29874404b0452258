import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_PARSE_ERRORS, type CardPayload, decodeHexUtf8, parseCardDate, parseCardPayload } from './cards.js';

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

const PUBLISHED_BHYT =
  'DN401AA31900313|4cc3aa205669e1bb87742048c6b06e67|04/09/1985|1|437479207068e1baa76e206de1bb816d20564e50542d20434e2074e1bb956e6720437479204456205654|01 - 043|01/07/2017|31/12/2017|21/07/2017|01059710639215|-|4|01/07/2022|1f2fa22c47f0bd18-7102|$';
const DOC_CCCD = '001090123456|012345678|Nguyễn Văn A|01011990|Nam|Thôn 3, Xã Hòa Bình, Tỉnh Lào Cai|15042021';

type Row = { kind: string; id: string; payload: string; notes: string };
const rows = parseCsv(fs.readFileSync(new URL('./__fixtures__/qr_samples.csv', import.meta.url), 'utf8'), {
  columns: true,
}) as Row[];

const cccd = (fields: Omit<Extract<CardPayload, { kind: 'cccd' }>, 'kind'>) => ({ kind: 'cccd', ...fields });
const bhyt = (fields: Omit<Extract<CardPayload, { kind: 'bhyt' }>, 'kind'>) => ({ kind: 'bhyt', ...fields });

const EXPECTED: Record<string, object> = {
  cccd_01: cccd({ cccd: '001090900001', oldId: '012345678', fullName: 'Nguyễn Văn A', birthDate: '1990-01-01', sex: 'M', address: 'Số 1 Phố Mẫu, Phường Ba Đình, Thành phố Hà Nội', issueDate: '2021-04-15' }),
  cccd_02: cccd({ cccd: '079185900002', fullName: 'Trần Thị B', birthDate: '1985-07-12', sex: 'F', address: 'Ấp Mẫu, Xã Bình Chánh, Thành phố Hồ Chí Minh', issueDate: '2022-05-20' }),
  cccd_03: cccd({ cccd: '038072900003', oldId: '172000001', fullName: 'Lê Văn C', birthDate: '1972-03-03', sex: 'M', address: 'Thôn Thử Nghiệm, Xã Quảng Phú, Tỉnh Thanh Hóa', issueDate: '2021-08-10' }),
  cccd_04: cccd({ cccd: '040303900004', fullName: 'Phạm Thị D', birthDate: '2003-12-25', sex: 'F', address: 'Xóm Mẫu, Xã Diễn Châu, Tỉnh Nghệ An', issueDate: '2023-02-01' }),
  cccd_05: cccd({ cccd: '092201900005', oldId: '362000002', fullName: 'Hoàng Văn E', birthDate: '2001-09-09', sex: 'M', address: 'Khu vực Mẫu, Phường Ninh Kiều, Thành phố Cần Thơ', issueDate: '2022-06-30' }),
  bhyt_legacy_01: bhyt({ cardCode: 'DN4797900000001', socialInsuranceNumber: '7900000001', benefitLevel: 4, beneficiaryGroup: 'DN', fullName: 'Nguyễn Văn A', birthDate: '1990-01-01', sex: 'M', address: 'Số 1 Đường Mẫu, Phường 1, Quận 3, TP Hồ Chí Minh', registrationFacility: '79012', validFrom: '2020-01-01', validTo: '2020-12-31', issueDate: '2019-12-15' }),
  bhyt_legacy_02: bhyt({ cardCode: 'HS4010100000002', socialInsuranceNumber: '0100000002', benefitLevel: 4, beneficiaryGroup: 'HS', fullName: 'Trần Thị B', birthDate: '2008-07-12', sex: 'F', address: 'Thôn Mẫu, Xã Thử, Huyện Đông Anh, Hà Nội', registrationFacility: '01033', validFrom: '2019-09-01', validTo: '2020-08-31', issueDate: '2019-08-20' }),
  bhyt_legacy_03: bhyt({ cardCode: 'GD4383800000003', socialInsuranceNumber: '3800000003', benefitLevel: 4, beneficiaryGroup: 'GD', fullName: 'Lê Văn C', birthDate: '1972-03-03', sex: 'M', address: 'Xóm Mẫu, Xã Quảng Phú, Huyện Quảng Xương, Thanh Hóa', registrationFacility: '38145', validFrom: '2019-01-01', validTo: '2019-12-31', issueDate: '2018-12-28' }),
  bhyt_current_01: bhyt({ socialInsuranceNumber: '0100000001', fullName: 'Nguyễn Văn A', birthDate: '1988-03-29', sex: 'M', address: '', registrationFacility: '01001', validFrom: '2023-07-01', issueDate: '2023-07-31', fiveYearsFrom: '2027-10-01', issuingPlace: 'Quận Cầu Giấy, Thành phố Hà Nội' }),
  bhyt_current_02: bhyt({ socialInsuranceNumber: '7900000002', fullName: 'Trần Thị B', birthDate: '1985-07-12', sex: 'F', address: '', registrationFacility: '79024', validFrom: '2024-01-01', validTo: '2024-12-31', issueDate: '2023-12-20', issuingPlace: 'Thành phố Thủ Đức, Thành phố Hồ Chí Minh' }),
  bhyt_current_03: bhyt({ socialInsuranceNumber: '3800000003', fullName: 'Lê Văn C', birthDate: '1972-03-03', sex: 'M', address: '', registrationFacility: '38145', validFrom: '2025-01-01', validTo: '2025-12-31', issueDate: '2024-12-28', fiveYearsFrom: '2026-01-01', issuingPlace: 'Huyện Quảng Xương, Tỉnh Thanh Hóa' }),
};

describe('the synthetic samples (shared/identifiers/__fixtures__/qr_samples.csv)', () => {
  it('has an expectation for every row', () => {
    expect(rows.map((r) => r.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(rows)('$id ($kind) parses to its fields', (row) => {
    expect(parseCardPayload(row.payload)).toEqual(EXPECTED[row.id]);
    expect(parseCardPayload(`]Q1${row.payload}\r\n`)).toEqual(EXPECTED[row.id]);
  });
});

describe('BHYT cards', () => {
  it('decodes the published sample to "Lê Việt Hưng"', () => {
    expect(parseCardPayload(PUBLISHED_BHYT)).toEqual(
      bhyt({ cardCode: 'DN401AA31900313', benefitLevel: 4, beneficiaryGroup: 'DN', fullName: 'Lê Việt Hưng', birthDate: '1985-09-04', sex: 'M', address: 'Cty phần mềm VNPT- CN tổng Cty DV VT', registrationFacility: '01043', validFrom: '2017-07-01', validTo: '2017-12-31', issueDate: '2017-07-21', fiveYearsFrom: '2022-07-01' }),
    );
  });

  const f = (overrides: Record<number, string>) => {
    const base = PUBLISHED_BHYT.split('|');
    for (const [i, v] of Object.entries(overrides)) base[Number(i)] = v;
    return base.join('|');
  };

  it.each([
    ['trailing CR/LF and spaces after "|$"', `${PUBLISHED_BHYT} \r\n`, { fullName: 'Lê Việt Hưng' }],
    ['upper-case hex', f({ 1: '4CC3AA205669E1BB87742048C6B06E67' }), { fullName: 'Lê Việt Hưng' }],
    ['a plain-text (already decoded) name', f({ 1: 'Lê Việt Hưng' }), { fullName: 'Lê Việt Hưng' }],
    ['a plain-text name in NFD', f({ 1: '  Lê Việt Hưng '.normalize('NFD') }), { fullName: 'Lê Việt Hưng' }],
    ['hex of an NFD name', f({ 1: hex('Lê Việt Hưng'.normalize('NFD')) }), { fullName: 'Lê Việt Hưng' }],
    ['a short plain name made of hex letters', f({ 1: 'Ca' }), { fullName: 'Ca' }],
    ['a hex guardian name', f({ 10: hex('Nguyễn Thị Mẹ') }), { guardianName: 'Nguyễn Thị Mẹ' }],
    ['a birth year only', f({ 2: '1985' }), { birthDate: '1985' }],
    ['"00/00/yyyy" as a birth year', f({ 2: '00/00/1985' }), { birthDate: '1985' }],
    ['ddMMyyyy dates', f({ 2: '04091985', 6: '01072017' }), { birthDate: '1985-09-04', validFrom: '2017-07-01' }],
    ['sex 2 = female', f({ 3: '2' }), { sex: 'F' }],
    ['a facility written "01-043"', f({ 5: '01-043' }), { registrationFacility: '01043' }],
    ['a 15-digit-tail code', f({ 0: 'TE1790123456789' }), { cardCode: 'TE1790123456789', socialInsuranceNumber: '0123456789', benefitLevel: 1, beneficiaryGroup: 'TE' }],
    ['a lower-case code', f({ 0: 'te1790123456789' }), { cardCode: 'TE1790123456789' }],
    ['a 10-digit social-insurance number', f({ 0: '0123456789' }), { socialInsuranceNumber: '0123456789', cardCode: undefined, benefitLevel: undefined }],
    ['no validity dates', f({ 6: '-', 7: '-' }), { validFrom: undefined, validTo: undefined }],
    ['an unreadable issue date (kept out, not fatal)', f({ 8: '99/99/2017' }), { issueDate: undefined }],
  ] as const)('accepts %s', (_label, payload, expected) => {
    const result = parseCardPayload(payload);
    expect(result.kind).toBe('bhyt');
    for (const [k, v] of Object.entries(expected)) {
      if (v === undefined) expect(result).not.toHaveProperty(k);
      else expect(result).toHaveProperty(k, v);
    }
  });

  it('accepts a short payload with only the first six fields', () => {
    expect(parseCardPayload(`0123456789|${hex('Lò Thị Ơn')}|1950|2|-|14 - 001|$`)).toEqual(
      bhyt({ socialInsuranceNumber: '0123456789', fullName: 'Lò Thị Ơn', birthDate: '1950', sex: 'F', address: '', registrationFacility: '14001' }),
    );
  });

  it('reads a payload whose "|$" terminator was cut off', () => {
    expect(parseCardPayload(PUBLISHED_BHYT.slice(0, -2))).toMatchObject({ kind: 'bhyt', fullName: 'Lê Việt Hưng' });
  });
});

describe('CCCD chip cards', () => {
  const base = { cccd: '001090123456', fullName: 'Nguyễn Văn A', birthDate: '1990-01-01', sex: 'M', address: 'Thôn 3, Xã Hòa Bình, Tỉnh Lào Cai' } as const;
  it.each([
    ['the documented 7-field shape', DOC_CCCD, { ...base, oldId: '012345678', issueDate: '2021-04-15' }],
    ['an empty old-CMND field', DOC_CCCD.replace('|012345678|', '||'), { ...base, issueDate: '2021-04-15' }],
    ['6 fields without the old-CMND field', DOC_CCCD.replace('|012345678|', '|'), { ...base, issueDate: '2021-04-15' }],
    ['6 fields without the issue date', DOC_CCCD.replace('|15042021', ''), { ...base, oldId: '012345678' }],
    ['an appended 8th field', `${DOC_CCCD}|Kinh`, { ...base, oldId: '012345678', issueDate: '2021-04-15' }],
    ['several appended fields', `${DOC_CCCD}|a|b||`, { ...base, oldId: '012345678', issueDate: '2021-04-15' }],
    ['"Nữ"', DOC_CCCD.replace('|Nam|', '|Nữ|'), { ...base, sex: 'F', oldId: '012345678', issueDate: '2021-04-15' }],
    ['"Nữ" in NFD and lower case', DOC_CCCD.replace('|Nam|', `|${'nữ'.normalize('NFD')}|`), { ...base, sex: 'F', oldId: '012345678', issueDate: '2021-04-15' }],
    ['NFD text, extra spaces', DOC_CCCD.normalize('NFD').replace('Nguyễn'.normalize('NFD'), ' Nguyễn  '), { ...base, oldId: '012345678', issueDate: '2021-04-15' }],
    ['dd/mm/yyyy dates', DOC_CCCD.replace('01011990', '01/01/1990'), { ...base, oldId: '012345678', issueDate: '2021-04-15' }],
    ['a birth year only', DOC_CCCD.replace('01011990', '1990'), { ...base, birthDate: '1990', oldId: '012345678', issueDate: '2021-04-15' }],
    ['an unreadable issue date (kept out, not fatal)', DOC_CCCD.replace('15042021', '1504202'), { ...base, oldId: '012345678' }],
    ['an AIM "]Q1" prefix and CR/LF', `]Q1${DOC_CCCD}\r\n`, { ...base, oldId: '012345678', issueDate: '2021-04-15' }],
    ['a BOM and STX/ETX around it', `\ufeff\u0002${DOC_CCCD}\u0003`, { ...base, oldId: '012345678', issueDate: '2021-04-15' }],
  ] as const)('accepts %s', (_label, payload, expected) => {
    expect(parseCardPayload(payload)).toEqual({ kind: 'cccd', ...expected });
  });
});

describe('malformed payloads give a stable reason', () => {
  const bh = PUBLISHED_BHYT.split('|');
  const withBhyt = (i: number, v: string) => bh.map((x, k) => (k === i ? v : x)).join('|');
  it.each([
    ['empty', ''],
    ['empty', '   \r\n'],
    ['empty', ']Q1'],
    ['not_a_card', 'hello world'],
    ['not_a_card', 'https://example.com/?a=1'],
    ['not_a_card', '001090123456'],
    ['not_a_card', 'a|b|c|d|e|f|g'],
    ['too_few_fields', '001090123456|012345678|Nguyễn Văn A|01011990|Nam'],
    ['too_few_fields', '001090123456|'],
    ['too_few_fields', 'DN4797900000001|4e67|01/01/1990|1|$'],
    ['too_few_fields', '|$'],
    ['bad_cccd_number', DOC_CCCD.replace('001090123456', '00109012345')],
    ['bad_cccd_number', DOC_CCCD.replace('001090123456', '0010901234567')],
    ['bad_cccd_number', DOC_CCCD.replace('001090123456', 'A01090123456')],
    ['missing_name', DOC_CCCD.replace('Nguyễn Văn A', ' ')],
    ['missing_name', withBhyt(1, '-')],
    ['bad_birth_date', DOC_CCCD.replace('01011990', '31021990')],
    ['bad_birth_date', DOC_CCCD.replace('01011990', '1990-01-01')],
    ['bad_birth_date', DOC_CCCD.replace('01011990', '')],
    ['bad_birth_date', withBhyt(2, '31/02/1985')],
    ['bad_birth_date', withBhyt(2, '29/02/1985')],
    ['bad_birth_date', withBhyt(2, '0985')],
    ['bad_sex', DOC_CCCD.replace('|Nam|', '|Khác|')],
    ['bad_sex', withBhyt(3, '3')],
    ['bad_sex', withBhyt(3, '')],
    ['bad_hex', withBhyt(1, '4cc3aa205669e1bb87742048c6b06e6')],
    ['bad_hex', withBhyt(1, '4cc3aa2056e1')],
    ['bad_hex', withBhyt(4, 'c3')],
    ['bad_hex', withBhyt(1, '00')],
    ['bad_hex', withBhyt(10, 'eda080')],
    ['bad_card_number', withBhyt(0, '12345')],
    ['bad_card_number', withBhyt(0, 'DN40101234567')],
    ['bad_card_number', withBhyt(0, '')],
    ['bad_valid_dates', withBhyt(6, '31/02/2017')],
    ['bad_valid_dates', withBhyt(7, 'hết hạn')],
    ['bad_valid_dates', withBhyt(7, '30/06/2017')],
  ] as const)('%s: %j', (reason, payload) => {
    expect(parseCardPayload(payload)).toMatchObject({ kind: 'invalid', reason });
  });

  it('lists every reason it can return', () => {
    expect([...CARD_PARSE_ERRORS].sort()).toEqual(
      ['bad_birth_date', 'bad_card_number', 'bad_cccd_number', 'bad_hex', 'bad_sex', 'bad_valid_dates', 'empty', 'missing_name', 'not_a_card', 'too_few_fields'],
    );
  });

  it('treats non-string input as empty', () => {
    expect(parseCardPayload(undefined as unknown as string)).toEqual({ kind: 'invalid', reason: 'empty' });
    expect(parseCardPayload(42 as unknown as string)).toEqual({ kind: 'invalid', reason: 'empty' });
  });
});

describe('helpers', () => {
  it.each([
    ['01/01/1990', '1990-01-01'],
    ['1/2/1990', '1990-02-01'],
    ['29022024', '2024-02-29'],
    [' 01/10/2027', '2027-10-01'],
    ['29/02/2023', null],
    ['32012020', null],
    ['00/01/2020', null],
    ['01/13/2020', null],
    ['2020-01-01', null],
  ] as const)('parseCardDate(%j) = %j', (text, iso) => expect(parseCardDate(text)).toBe(iso));

  it('decodes hex UTF-8 strictly', () => {
    expect(decodeHexUtf8('4cc3aa205669e1bb87742048c6b06e67')).toBe('Lê Việt Hưng');
    expect(decodeHexUtf8('f09f9889')).toBe('😉');
    for (const bad of ['c', 'c0af', 'e0808f', 'eda080', 'f4908080', 'c3', 'zz']) expect(decodeHexUtf8(bad)).toBeNull();
  });
});

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lò', 'Hà'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Minh', 'Thanh', 'Xuân', 'Thu', 'Quốc', 'Thị Thu'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Hưng', 'Hương', 'Khánh', 'Linh', 'Lộc', 'Nga', 'Phúc', 'Quyên', 'Sơn', 'Thảo', 'Tuấn', 'Uyên', 'Việt', 'Yến', 'Ánh', 'Ơn', "H'Hen"];
const COMMUNE = ['Hòa Bình', 'Quảng Phú', 'Diễn Châu', 'Bình Chánh', 'Ea Tu', 'Mường Tè', 'Đồng Văn'];
const PROVINCE = ['Tỉnh Lào Cai', 'Thành phố Hà Nội', 'Tỉnh Đắk Lắk', 'Tỉnh Nghệ An', 'Thành phố Cần Thơ'];

const name = fc.tuple(fc.constantFrom(...FAMILY), fc.constantFrom(...MIDDLE), fc.constantFrom(...GIVEN)).map((p) => p.join(' '));
const address = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom(...COMMUNE), fc.constantFrom(...PROVINCE)).map(([n, c, p]) => `Thôn ${n}, Xã ${c}, ${p}`);
const date = fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => ({
  iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  compact: `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${y}`,
  slashed: `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`,
}));
const field = fc.oneof(
  fc.string(),
  fc.stringMatching(/^\d{12}$/),
  fc.stringMatching(/^[0-9a-f]{0,40}$/),
  fc.constantFrom('Nam', 'Nữ', '1', '2', '-', '$', '', ' ', '01 - 043', '31/02/2020', '01/01/2020', '01011990', 'DN4010123456789'),
  fc.string({ unit: 'binary' }),
);

describe('properties', () => {
  const check = (s: string) => {
    const r = parseCardPayload(s);
    if (r.kind === 'invalid') expect(CARD_PARSE_ERRORS).toContain(r.reason);
    else for (const t of [r.fullName, r.address]) expect(t).toBe(t.normalize('NFC').trim());
  };
  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), check), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), check), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), check), { numRuns: 2000 });
  });

  it('never throws on "|"-separated random fields', () => {
    const payload = fc
      .tuple(fc.constantFrom('', ']Q1', ' '), fc.array(field, { maxLength: 20 }), fc.constantFrom('', '|$', '|$\r\n', '\n'))
      .map(([pre, fields, post]) => pre + fields.join('|') + post);
    fc.assert(fc.property(payload, check), { numRuns: 5000 });
  });

  it('a generated CCCD payload round-trips its fields', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^0(01|38|40|66|79|96)[0-3]\d{8}$/), fc.constantFrom('absent', 'empty', 'cmnd'), fc.stringMatching(/^\d{9}$/),
        name, date, fc.constantFrom('M', 'F'), address, date, fc.boolean(), fc.boolean(), fc.constantFrom('', '|Kinh', '|x|y'),
        (number, oldMode, cmnd, fullName, birth, sex, addr, issue, nfd, noise, tail) => {
          const text = (s: string) => (nfd ? s.normalize('NFD') : s);
          const fields = [number, ...(oldMode === 'absent' ? [] : [oldMode === 'cmnd' ? cmnd : '']), text(fullName), birth.compact, text(sex === 'M' ? 'Nam' : 'Nữ'), text(addr), issue.compact];
          const payload = fields.join('|') + tail;
          const expected = { kind: 'cccd', cccd: number, fullName, birthDate: birth.iso, sex, address: addr, issueDate: issue.iso, ...(oldMode === 'cmnd' ? { oldId: cmnd } : {}) };
          expect(parseCardPayload(noise ? `]Q1${payload}\r\n` : payload)).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a generated BHYT payload round-trips its fields', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(?:[A-Z]{2}[1-5]\d{2})?\d{10}$/), name, date, fc.constantFrom('M', 'F'), address, date, fc.boolean(), (number, fullName, birth, sex, addr, from, plain) => {
        const enc = (s: string) => (plain ? s : hex(s));
        const payload = [number, enc(fullName), birth.slashed, sex === 'M' ? '1' : '2', enc(addr), '01 - 043', from.slashed, '-', '-', '0105', '-', '4', '-', 'abc-1202', '$'].join('|');
        const r = parseCardPayload(payload);
        expect(r).toMatchObject({ kind: 'bhyt', fullName, birthDate: birth.iso, sex, address: addr, registrationFacility: '01043', validFrom: from.iso, socialInsuranceNumber: number.slice(-10) });
        if (number.length === 15) expect(r).toMatchObject({ cardCode: number, benefitLevel: Number(number[2]), beneficiaryGroup: number.slice(0, 2) });
      }),
      { numRuns: 2000 },
    );
  });
});
