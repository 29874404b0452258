import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, setUpStation, signInAs, type TestStation } from '../testing/station.js';
import { hasPoppler, pdfInfo, pdfText } from '../print/testing.js';
import { SEED_HOSPITAL, configureSigner, referralFields, seedVisit } from './testing.js';

let t: TestStation;
let admin: string;
let physician: string;
let seeded: Awaited<ReturnType<typeof seedVisit>>;

beforeEach(async () => {
  t = createTestStation(new Date('2026-03-15T03:00:00Z')); // 10:00 in Viet Nam
  admin = await setUpStation(t);
  physician = await signInAs(t, admin, 'physician', 'bs_khai');
  await configureSigner(t, admin);
  seeded = await seedVisit(t, admin);
});
afterEach(() => t.cleanup());

const create = (over = {}, token = physician) => t.ok('referrals.create', { personId: seeded.personId, visitId: seeded.visitId, referral: referralFields(over) }, { token });
const issue = (id: string, token = physician) => t.ok('referrals.issue', { id }, { token });
const pdfOf = async (b64: string) => Buffer.from(b64, 'base64');

describe('receiving facilities', () => {
  it('ships sample facilities; the admin adds and edits, others may not', async () => {
    const { facilities } = await t.ok('referrals.facilities', {}, { token: physician });
    expect(facilities.map((f) => f.code)).toContain('15001');
    const added = await t.ok('referrals.saveFacility', { code: '15020', name: 'Trung tâm Y tế khu vực Bắc Hà', level: 'co_ban' }, { token: admin });
    expect(added.facility).toMatchObject({ code: '15020', active: true, level: 'co_ban' });
    await t.ok('referrals.saveFacility', { id: added.facility.id, code: '15020', name: 'TTYT khu vực Bắc Hà', active: false }, { token: admin });
    expect((await t.ok('referrals.facilities', {}, { token: admin })).facilities.map((f) => f.code)).not.toContain('15020');
    expect((await t.ok('referrals.facilities', { includeInactive: true }, { token: admin })).facilities.map((f) => f.code)).toContain('15020');
    const dup = await t.call('referrals.saveFacility', { code: '15001', name: 'Trùng mã' }, { token: admin });
    expect(dup.ok ? null : dup.error.code).toBe('VALIDATION_FAILED');
    const forbidden = await t.call('referrals.saveFacility', { code: '15021', name: 'X' }, { token: physician });
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
  });
});

describe('referrals', () => {
  it('prefills a new referral from the visit: signs, course, ICD-10 diagnoses, treatment, medicines, this station', async () => {
    const p = await t.ok('referrals.prefill', { visitId: seeded.visitId }, { token: physician });
    expect(p.personName).toBe('Nguyễn Văn Hùng');
    expect(p.fields.diagnoses.map((d) => d.icdCode)).toEqual(['J18.9', 'I10']);
    expect(p.fields.clinicalSigns).toContain('Ran nổ đáy phổi phải');
    expect(p.fields.clinicalSigns).toContain('SpO2 93%');
    expect(p.fields.diseaseCourse).toBe('Ho, sốt 3 ngày, tự dùng thuốc hạ sốt không đỡ');
    expect(p.fields.medicines).toEqual(['Paracetamol 500 mg × 2 viên']);
    expect(p.fields.priorCare).toEqual([{ place: 'Trạm Y tế xã Hòa Bình', level: 'ban đầu', from: '2026-03-15', to: '2026-03-15' }]);
    expect(p.fields.transferAt).toBe('2026-03-15T10:00');
    expect(p.fields.formVersion).toBe('tt01_2025');
    expect(p.fields.physicianName).toBe('Người dùng physician');
  });

  it('physicians write and issue; nurses and clerks may not', async () => {
    const nurse = await signInAs(t, admin, 'nurse', 'dd_lan');
    const r = await t.call('referrals.create', { personId: seeded.personId, visitId: seeded.visitId, referral: referralFields() }, { token: nurse });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    const draft = await create();
    expect(draft.referral).toMatchObject({ status: 'draft', number: null, version: 0, personName: 'Nguyễn Văn Hùng', destinationName: 'Bệnh viện Đa khoa tỉnh Lào Cai' });
    const byNurse = await t.call('referrals.issue', { id: draft.referral.id }, { token: nurse });
    expect(byNurse.ok ? null : byNurse.error.code).toBe('FORBIDDEN');
  });

  it('issues the next number of the yearly series, with the form version stored with the content', async () => {
    const a = await issue((await create()).referral.id);
    expect(a.referral).toMatchObject({ status: 'issued', number: '1/2026/PCCSKBCB', version: 1, formVersion: 'tt01_2025' });
    const b = await issue((await create({ formVersion: 'tt14_2014' })).referral.id);
    expect(b.referral).toMatchObject({ number: '2/2026/GCT', formVersion: 'tt14_2014' });
    const again = await t.call('referrals.issue', { id: a.referral.id }, { token: physician });
    expect(again.ok ? null : again.error.code).toBe('REFERRAL_STATE_INVALID');
    const stored = t.station.sqlite.prepare('SELECT content, form_version AS formVersion FROM referral_versions WHERE referral_id = ?').get(b.referral.id) as { content: string; formVersion: string };
    expect(stored.formVersion).toBe('tt14_2014');
    expect(JSON.parse(stored.content)).toMatchObject({ formVersion: 'tt14_2014', number: '2/2026/GCT', version: 1, patient: { fullName: 'Nguyễn Văn Hùng', ethnicityName: 'Tày' } });
    // The series restarts each year.
    t.setClock(new Date('2027-01-02T02:00:00Z'));
    const token = (await t.ok('auth.login', { username: 'bs_khai', password: 'mat-khau-123' })).token!;
    const c = await issue((await create({}, token)).referral.id, token);
    expect(c.referral.number).toBe('1/2027/PCCSKBCB');
  });

  it('gives distinct numbers when two workstations issue at the same moment', async () => {
    const other = await signInAs(t, admin, 'physician', 'bs_hoa');
    const drafts = await Promise.all(Array.from({ length: 8 }, () => create()));
    const results = await Promise.all(drafts.map((d, i) => issue(d.referral.id, i % 2 ? physician : other)));
    const numbers = results.map((r) => r.referral.number);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers.map((n) => Number(n!.split('/')[0])).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('editing after issue makes a new version with the same number; earlier content and prints are kept', async () => {
    const id = (await create()).referral.id;
    await issue(id);
    const print1 = await t.ok('referrals.print', { id }, { token: physician });
    expect(print1).toMatchObject({ version: 1, number: '1/2026/PCCSKBCB', printCount: 1 });
    expect((await t.ok('referrals.get', { id }, { token: physician })).referral.status).toBe('printed');
    const edited = await t.ok('referrals.update', { id, referral: referralFields({ stateAtTransfer: 'Lơ mơ, SpO2 88%' }), note: 'Tình trạng nặng lên' }, { token: physician });
    expect(edited.referral).toMatchObject({ number: '1/2026/PCCSKBCB', version: 2, status: 'issued' });
    expect(edited.referral.versions.map((v) => [v.version, v.number, v.printed, v.note])).toEqual([
      [1, '1/2026/PCCSKBCB', true, null],
      [2, '1/2026/PCCSKBCB', false, 'Tình trạng nặng lên'],
    ]);
    const reprint = await t.ok('referrals.print', { id, version: 1 }, { token: physician });
    expect(reprint).toMatchObject({ version: 1, printCount: 2 });
    const detail = (await t.ok('referrals.get', { id }, { token: physician })).referral;
    expect(detail.prints.map((p) => [p.version, p.workstation])).toEqual([[1, 'test'], [1, 'test']]);
    if (hasPoppler()) {
      const v1 = pdfText(await pdfOf((await t.ok('referrals.preview', { id, version: 1 }, { token: physician })).pdfBase64));
      const v2 = pdfText(await pdfOf((await t.ok('referrals.preview', { id }, { token: physician })).pdfBase64));
      expect(v1).toContain('Tỉnh, mạch 96 lần/phút');
      expect(v2).toContain('Lơ mơ, SpO2 88%');
      for (const text of [v1, v2]) expect(text).toContain('Số: 1/2026/PCCSKBCB');
    }
  });

  it('a draft previews without a number and cannot be printed', async () => {
    const id = (await create()).referral.id;
    const preview = await t.ok('referrals.preview', { id }, { token: physician });
    if (hasPoppler()) {
      const pdf = await pdfOf(preview.pdfBase64);
      expect(pdfText(pdf)).toContain('Bản nháp, chưa cấp số');
      expect(pdfInfo(pdf).Keywords).toBe('form=tt01_2025; version=0');
    }
    const print = await t.call('referrals.print', { id }, { token: physician });
    expect(print.ok ? null : print.error.code).toBe('REFERRAL_STATE_INVALID');
  });

  it('exports XML13 from the stored content, and refuses an incomplete record listing what is missing', async () => {
    const id = (await create()).referral.id;
    await issue(id);
    const xml = await t.ok('referrals.exportXml13', { id }, { token: physician });
    expect(xml.fileName).toBe('XML13_1-2026-PCCSKBCB_QD3176.xml');
    expect(xml.xml).toContain('<LOAIHOSO>XML13</LOAIHOSO>');
    const inner = Buffer.from(/<NOIDUNGFILE>([^<]+)<\/NOIDUNGFILE>/.exec(xml.xml)![1]!, 'base64').toString('utf8');
    expect(inner).toContain('<HO_TEN>Nguyễn Văn Hùng</HO_TEN>');
    expect(inner).toContain('<MA_CSKCB_DEN>15001</MA_CSKCB_DEN>');
    expect(inner).toContain('<MA_DANTOC>02</MA_DANTOC>');
    expect(inner).toContain('<NGAY_SINH>197504300000</NGAY_SINH>');
    const old = await t.ok('referrals.exportXml13', { id, variant: 'qd4750' }, { token: physician });
    expect(Buffer.from(/<NOIDUNGFILE>([^<]+)</.exec(old.xml)![1]!, 'base64').toString('utf8')).toContain('<MA_NOI_DEN>15001</MA_NOI_DEN>');

    const bare = (await create({ clinicalSigns: '', transport: '', physicianLicense: '' })).referral.id;
    await issue(bare);
    const refused = await t.call('referrals.exportXml13', { id: bare }, { token: physician });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('XML_EXPORT_INVALID');
    expect(refused.error.message).toBe(
      'Chưa xuất được XML, còn 3 mục thiếu hoặc sai: Thiếu "Dấu hiệu lâm sàng" (DAU_HIEU_LS); Thiếu "Phương tiện vận chuyển" (PHUONGTIEN_VC); Thiếu "Mã người khám (số chứng chỉ hành nghề)" (MA_BAC_SI).',
    );
  });

  it('lists by status, period and destination, and per person; records the reception result', async () => {
    const a = (await create()).referral.id;
    const b = (await create({ destinationId: '01900000-0000-7000-8000-00000000f002' })).referral.id;
    await issue(a);
    const list = async (q: object) => (await t.ok('referrals.list', q, { token: physician })).referrals.map((r) => r.id);
    expect(await list({ status: 'draft' })).toEqual([b]);
    expect(await list({ destinationId: SEED_HOSPITAL })).toEqual([a]);
    expect((await list({ from: '2026-03-15', to: '2026-03-15' })).sort()).toEqual([a, b].sort());
    expect(await list({ from: '2026-03-16' })).toEqual([]);
    expect((await t.ok('referrals.forPerson', { personId: seeded.personId }, { token: physician })).referrals).toHaveLength(2);
    const done = await t.ok('referrals.recordOutcome', { id: a, receivedAt: '2026-03-15', receivingDiagnosis: 'Viêm phổi', outcome: 'Nhập viện điều trị' }, { token: physician });
    expect(done.referral).toMatchObject({ status: 'received', receivingDiagnosis: 'Viêm phổi' });
  });
});
