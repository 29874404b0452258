import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ADMIN, createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';
import { hasPoppler, pdfInfo, pdfText } from '../print/testing.js';
import { configureSigner, seedVisit } from './testing.js';

let t: TestStation;
let admin: string;
let nurse: string;
let seeded: Awaited<ReturnType<typeof seedVisit>>;

beforeEach(async () => {
  t = createTestStation(new Date('2026-03-15T03:00:00Z'));
  admin = await setUpStation(t);
  nurse = await signInAs(t, admin, 'nurse', 'dd_lan');
  await configureSigner(t, admin);
  seeded = await seedVisit(t, admin);
});
afterEach(() => t.cleanup());

const create = (over = {}, token = nurse) => t.ok('appointments.create', { visitId: seeded.visitId, returnDate: '2026-03-29', physicianLicense: '001234/LC-CCHN', ...over }, { token });

describe('appointment slips', () => {
  it('a nurse issues a numbered slip from a visit, prefilled with its diagnoses', async () => {
    const pre = await t.ok('appointments.prefill', { visitId: seeded.visitId }, { token: nurse });
    expect(pre).toMatchObject({ personName: 'Nguyễn Văn Hùng', diagnosisText: 'Viêm phổi, không đặc hiệu', comorbidities: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', active: null });
    const a = await create();
    expect(a.appointment).toMatchObject({ number: '1/2026', returnDate: '2026-03-29', state: 'upcoming', visitDate: '2026-03-15', personName: 'Nguyễn Văn Hùng' });
    expect(a.appointment.diagnoses.map((d) => d.icdCode)).toEqual(['J18.9', 'I10']);
    const clerk = await signInAs(t, admin, 'clerk', 'nl_ha');
    const refused = await t.call('appointments.create', { visitId: seeded.visitId, returnDate: '2026-03-29' }, { token: clerk });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  });

  it('keeps one active slip per visit; after a cancel a new one gets the next number', async () => {
    const first = await create();
    const second = await t.call('appointments.create', { visitId: seeded.visitId, returnDate: '2026-03-30' }, { token: nurse });
    expect(second.ok ? null : second.error.code).toBe('APPOINTMENT_EXISTS');
    expect((await t.ok('appointments.prefill', { visitId: seeded.visitId }, { token: nurse })).active?.id).toBe(first.appointment.id);
    await t.ok('appointments.cancel', { id: first.appointment.id }, { token: nurse });
    const third = await create({ returnDate: '2026-03-30' });
    expect(third.appointment.number).toBe('2/2026');
    const early = await t.call('appointments.create', { visitId: seeded.visitId, returnDate: '2026-03-15' }, { token: nurse });
    expect(early.ok ? null : early.error.code).toBe('APPOINTMENT_EXISTS');
  });

  it('refuses a return date that is not after the visit', async () => {
    const r = await t.call('appointments.create', { visitId: seeded.visitId, returnDate: '2026-03-15' }, { token: nurse });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'returnDate', message: 'Ngày hẹn phải sau ngày khám' }] } });
  });

  it('lists upcoming, then missed when the date passes, and kept once the person comes back', async () => {
    const a = (await create()).appointment;
    const ids = async (view: 'upcoming' | 'missed' | 'all') => (await t.ok('appointments.list', { view }, { token: nurse })).appointments.map((x) => x.id);
    expect(await ids('upcoming')).toEqual([a.id]);
    expect(await ids('missed')).toEqual([]);
    t.setClock(new Date('2026-04-02T02:00:00Z'));
    const token = (await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).token!;
    expect((await t.ok('appointments.list', { view: 'missed' }, { token })).appointments.map((x) => [x.id, x.state])).toEqual([[a.id, 'missed']]);
    expect((await t.ok('appointments.list', { view: 'upcoming' }, { token })).appointments).toEqual([]);
    await t.ok('visits.receive', { personId: seeded.personId, reason: 'Tái khám muộn', insured: false }, { token });
    expect((await t.ok('appointments.list', { view: 'missed' }, { token })).appointments).toEqual([]);
    expect((await t.ok('appointments.forPerson', { personId: seeded.personId }, { token })).appointments.map((x) => x.state)).toEqual(['kept']);
  });

  it('prints the same slip every time (each print logged) and exports XML14', async () => {
    const a = (await create()).appointment;
    expect(await t.ok('appointments.print', { id: a.id }, { token: nurse })).toMatchObject({ number: '1/2026', printCount: 1, fileName: 'phieu-hen-kham-lai-1-2026.pdf' });
    expect((await t.ok('appointments.print', { id: a.id }, { token: nurse })).printCount).toBe(2);
    expect((await t.ok('appointments.get', { id: a.id }, { token: nurse })).appointment.printCount).toBe(2);
    if (hasPoppler()) {
      const pdf = Buffer.from((await t.ok('appointments.preview', { id: a.id }, { token: nurse })).pdfBase64, 'base64');
      expect(pdfInfo(pdf).Subject).toBe('Mẫu: Phụ lục V, Thông tư 01/2025/TT-BYT');
      const text = pdfText(pdf);
      for (const s of ['PHIẾU HẸN KHÁM LẠI', 'Số: 1/2026', 'NGUYỄN VĂN HÙNG', 'Ngày sinh: 30/04/1975', 'Hẹn khám lại vào ngày 29 tháng 03 năm 2026', 'Chẩn đoán: Viêm phổi, không đặc hiệu (mã ICD-10: J18.9)']) expect(text).toContain(s);
    }
    const xml = await t.ok('appointments.exportXml14', { id: a.id }, { token: nurse });
    const inner = Buffer.from(/<NOIDUNGFILE>([^<]+)</.exec(xml.xml)![1]!, 'base64').toString('utf8');
    for (const s of ['<SO_GIAYHEN_KL>1/2026</SO_GIAYHEN_KL>', '<NGAY_HEN_KL>202603290000</NGAY_HEN_KL>', '<NGAY_CT>20260315</NGAY_CT>', '<MA_BAC_SI>001234/LC-CCHN</MA_BAC_SI>', '<MA_TTDV>1512345678</MA_TTDV>', '<MA_CSKCB>01234</MA_CSKCB>']) expect(inner).toContain(s);
    await t.ok('appointments.cancel', { id: a.id }, { token: nurse });
    const printCancelled = await t.call('appointments.print', { id: a.id }, { token: nurse });
    expect(printCancelled.ok ? null : printCancelled.error.code).toBe('REFERRAL_STATE_INVALID');
  });
});
