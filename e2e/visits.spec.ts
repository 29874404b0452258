import ExcelJS from 'exceljs';
import { AppFramePage } from './pages/AppFramePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { VisitPage } from './pages/VisitPage.js';
import { VisitsPage } from './pages/VisitsPage.js';
import { expect, snap, test } from './fixtures.js';
import { ADMIN, apiCall } from './server.js';

/** A household in Thôn Phú Hà headed by Phạm Thị Lan (valid BHYT card), created through the API. */
async function seedPatient(url: string, token: string) {
  const hamlets = await apiCall(url, 'hamlets.list', {}, token);
  const year = new Date().getFullYear();
  const created = await apiCall(
    url,
    'households.create',
    {
      hamletId: hamlets.body.value.hamlets[0].id,
      address: 'Số 45, ngõ 3, đường Hoàng Liên',
      head: {
        fullName: 'Phạm Thị Lan',
        sex: 'F',
        birthDate: '1968-09-02',
        ethnicityCode: '01',
        occupation: 'Buôn bán',
        cccd: '010168012345',
        bhytCardCode: 'GD4101234567890',
        bhytValidFrom: `${year}-01-01`,
        bhytValidTo: `${year + 1}-12-31`,
        phone: '0912345678',
      },
      confirmNotDuplicate: true,
      confirmCccdWarnings: true,
    },
    token,
  );
  if (!created.body.ok) throw new Error(JSON.stringify(created.body));
  const son = await apiCall(
    url,
    'persons.register',
    {
      householdId: created.body.value.household.id,
      relationToHead: 'child',
      person: { fullName: 'Đỗ Văn Tùng', sex: 'M', birthDate: '2015-06-20', ethnicityCode: '01', occupation: 'Học sinh' },
      confirmNotDuplicate: true,
    },
    token,
  );
  if (!son.body.ok) throw new Error(JSON.stringify(son.body));
  const starter = await apiCall(url, 'catalog.medicineImportStarter', {}, token);
  if (!starter.body.ok) throw new Error(JSON.stringify(starter.body));
  return { personId: created.body.value.head.id as string, sonId: son.body.value.person.id as string };
}

test('a patient is received, examined with vital signs, an ICD-10 diagnosis and a prescription, and appears in the register', async ({ page, station }) => {
  const { personId, sonId } = await seedPatient(station.url, station.adminToken);
  await page.goto(station.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppFramePage(page).waitUntilSignedIn(ADMIN.fullName);

  const queue = new VisitsPage(page);
  await queue.open(station.url);
  const number = await queue.receive('pham thi lan', 'Phạm Thị Lan', 'Sốt, đau họng 2 ngày', true);
  expect(number).toBe(1);
  await queue.expectStatus(1, 'waiting', 'Chờ khám');
  await expect(queue.row(1)).toContainText('010168012345');
  // Another desk receives the son: the queue on this screen shows him without reloading.
  const other = await apiCall(station.url, 'visits.receive', { personId: sonId, reason: 'Ho, sổ mũi', insured: false }, station.adminToken);
  expect(other.body.value.visit.queueNumber).toBe(2);
  await expect(queue.row(2)).toContainText('Đỗ Văn Tùng');
  await queue.expectStatus(2, 'waiting', 'Chờ khám');
  await snap(page, '3x-visits-queue');

  await queue.examine(1);
  const visit = new VisitPage(page);
  await visit.expectFocusInFirstField();
  await visit.fillVitals({ pulse: '92', temperature: '38.5', systolic: '350', diastolic: '80', respiratoryRate: '20', weightKg: '52', heightCm: '155', spo2: '97' });
  await expect(visit.bmi()).toHaveText('21.6');
  await visit.save();
  await visit.expectFieldError('systolic', 'Huyết áp tâm thu phải từ 50 đến 300 mmHg');
  const unsaved = await apiCall(station.url, 'visits.get', { id: page.url().split('/').pop() }, station.adminToken);
  expect(unsaved.body.value.visit.vitals.systolic).toBeNull();

  await visit.fillVitals({ systolic: '125' });
  await visit.fillText('symptoms', 'Sốt cao về chiều, đau rát họng, nuốt đau');
  await visit.fillText('findings', 'Họng đỏ, amidan hai bên sưng, không có giả mạc');
  await visit.setMainDiagnosis('viem hong', 'J02.9');
  await visit.addMedicine('paracetamol', 'Paracetamol 500 mg (viên)', { dose: '1 viên/lần, ngày 3 lần', quantity: '15', days: '5', instructions: 'Uống sau ăn' });
  await visit.fillText('treatment', 'Hạ sốt, súc họng nước muối ấm');
  await visit.fillText('advice', 'Uống nhiều nước, tái khám nếu sốt trên 3 ngày');
  await expect(page.getByText('Huyết áp tâm thu phải từ 50 đến 300 mmHg')).toHaveCount(0);
  await snap(page, '3x-visit-form');
  await visit.saveAndFinish();

  await queue.expectStatus(1, 'finished', 'Đã khám');
  const saved = await apiCall(station.url, 'visits.forPerson', { personId }, station.adminToken);
  expect(saved.body.value.visits[0].diagnoses[0]).toMatchObject({ icdCode: 'J02.9', isMain: true });
  expect(saved.body.value.visits[0].medicines).toEqual(['Paracetamol 500 mg × 15 viên']);

  await queue.openRegister();
  // The son is still waiting: he is listed too, marked as not finished.
  await expect(queue.registerRows()).toHaveCount(2);
  const row = queue.registerRows().first();
  await expect(row).toContainText('Phạm Thị Lan');
  await expect(row).toContainText('J02.9 - Viêm họng cấp, không đặc hiệu');
  await expect(row).toContainText('GD4101234567890');
  await snap(page, '3x-visit-register');

  const file = await queue.exportRegister();
  expect(file.name).toMatch(/^so-kham-benh_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file.path);
  const ws = wb.worksheets[0]!;
  expect(ws.getCell(4, 1).value).toBe('SỔ KHÁM BỆNH');
  expect(ws.getCell(2, 1).value).toBe('TRẠM Y TẾ XÃ BẢO THẮNG');
  expect(ws.getCell(6, 3).value).toBe('Họ và tên');
  const data = ws.getRow(7).values as unknown[];
  expect(data.slice(1, 5)).toEqual([1, expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/), 'Phạm Thị Lan', 'Nữ']);
  expect(data).toContain('J02.9 - Viêm họng cấp, không đặc hiệu');
  expect(data[17]).toBe('Paracetamol 500 mg × 15 viên');
});
