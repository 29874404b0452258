import { AppFramePage } from './pages/AppFramePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { NcdProgramsPage } from './pages/NcdProgramsPage.js';
import { expect, snap, test } from './fixtures.js';
import { ADMIN, apiCall } from './server.js';

test('an administrator adds an epilepsy program with its own field, then archives it', async ({ page, station }) => {
  await page.goto(station.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppFramePage(page).waitUntilSignedIn(ADMIN.fullName);

  const programs = new NcdProgramsPage(page);
  await programs.open();
  for (const code of ['hypertension', 'diabetes_t2', 'copd', 'asthma']) await expect(programs.row(code)).toContainText('Có sẵn');
  await expect(programs.row('copd')).toContainText('Lưu lượng đỉnh (PEF)');
  await expect(programs.row('hypertension').getByRole('button')).toHaveCount(0);

  await programs.startAdding();
  // a shipped code is refused by the backend, next to the field
  await programs.fill('Mã chương trình', 'hypertension');
  await programs.fill('Tên tiếng Việt', 'Động kinh');
  await programs.fill('Tên tiếng Anh', 'Epilepsy');
  await programs.fill('Tên viết tắt', 'ĐK');
  await programs.addTag('Mã ICD-10', 'g40');
  await programs.toggleStandardField('Cân nặng');
  const seizures = await programs.addExtraField();
  await programs.fill('Mã trường', 'soCon', seizures);
  await programs.fill('Nhãn tiếng Việt', 'Số cơn co giật trong tháng', seizures);
  await programs.fill('Nhãn tiếng Anh', 'Seizures this month', seizures);
  await programs.fill('Đơn vị', 'cơn', seizures);
  await programs.fill('Tối thiểu', '0', seizures);
  await programs.fill('Tối đa', '200', seizures);
  await seizures.getByRole('switch', { name: 'Số nguyên' }).check();
  await seizures.getByRole('checkbox', { name: 'Bắt buộc' }).check();
  const mood = await programs.addExtraField();
  await programs.fill('Mã trường', 'tamTrang', mood);
  await programs.fill('Nhãn tiếng Việt', 'Tâm trạng', mood);
  await programs.chooseType(mood, 'Chọn một');
  await programs.addTag('Các lựa chọn', 'Bình thường', mood);
  await programs.addTag('Các lựa chọn', 'Lo âu', mood);
  await programs.addTag('Các lựa chọn', 'Trầm cảm', mood);
  await programs.save();
  await programs.expectFieldError('Mã chương trình', 'Mã hypertension là chương trình có sẵn, không sửa được; hãy chọn mã khác');
  await snap(page, 'ncd-programs-admin-error');
  await programs.fill('Mã chương trình', 'dong_kinh');
  await snap(page, 'ncd-programs-admin-form');
  await programs.save();

  await expect(programs.form()).toBeHidden();
  await expect(programs.row('dong_kinh')).toContainText('Động kinh');
  await expect(programs.row('dong_kinh')).toContainText('G40');
  await expect(programs.row('dong_kinh')).toContainText('Số cơn co giật trong tháng, Tâm trạng');
  await expect(programs.row('dong_kinh')).toContainText('Do trạm thêm');
  const saved = await apiCall(station.url, 'ncd.programs', {}, station.adminToken);
  const epilepsy = saved.body.value.programs.find((p: { code: string }) => p.code === 'dong_kinh');
  expect(epilepsy).toMatchObject({ shortName: 'ĐK', icd10: ['G40'], followUpDays: 30, control: 'none', fields: ['weight', 'symptoms', 'adherence', 'medicines'] });
  expect(epilepsy.extraFields).toEqual([
    { key: 'soCon', labelVi: 'Số cơn co giật trong tháng', labelEn: 'Seizures this month', required: true, type: 'number', unit: 'cơn', min: 0, max: 200, integer: true },
    {
      key: 'tamTrang',
      labelVi: 'Tâm trạng',
      labelEn: 'Tâm trạng',
      required: false,
      type: 'choice',
      options: [
        { value: 'binh_thuong', labelVi: 'Bình thường', labelEn: 'Bình thường' },
        { value: 'lo_au', labelVi: 'Lo âu', labelEn: 'Lo âu' },
        { value: 'tram_cam', labelVi: 'Trầm cảm', labelEn: 'Trầm cảm' },
      ],
    },
  ]);
  await snap(page, 'ncd-programs-admin-list');

  // edit: a longer interval; then archive
  await programs.row('dong_kinh').getByRole('button', { name: 'Sửa chương trình Động kinh' }).click();
  await expect(programs.form().getByRole('textbox', { name: 'Mã chương trình', exact: true })).toBeDisabled();
  await programs.fill('Chu kỳ tái khám (ngày)', '60');
  await programs.save();
  await expect(programs.row('dong_kinh')).toContainText('60 ngày');
  await programs.row('dong_kinh').getByRole('button', { name: 'Ngừng sử dụng' }).click();
  await expect(programs.row('dong_kinh').getByText('Ngừng sử dụng', { exact: true }).first()).toBeVisible();
  await expect(programs.row('dong_kinh').getByRole('button', { name: 'Dùng lại' })).toBeVisible();
});
