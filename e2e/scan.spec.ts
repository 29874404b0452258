import path from 'node:path';
import { qrBmp, writeQrY4m } from './fake-camera.js';
import { expect, snap, test } from './fixtures.js';
import { GlobalSearchPage } from './pages/GlobalSearchPage.js';
import { HouseholdsPage } from './pages/HouseholdsPage.js';
import { PersonPage } from './pages/PersonPage.js';
import { createHousehold, signIn } from './persons-api.js';
import { CLERK } from './server.js';

// Synthetic payloads from ../shared/data/qr_samples.csv (cccd_01, cccd_02, bhyt_current_02): invented people and numbers.
const CCCD_A = '001090900001|012345678|Nguyễn Văn A|01011990|Nam|Số 1 Phố Mẫu, Phường Ba Đình, Thành phố Hà Nội|15042021';
const CCCD_B = '079185900002||Trần Thị B|12071985|Nữ|Ấp Mẫu, Xã Bình Chánh, Thành phố Hồ Chí Minh|20052022';
const BHYT_B =
  '7900000002|5472e1baa76e205468e1bb8b2042|12/07/1985|2|-|79 - 024|01/01/2024|31/12/2024|20/12/2023|79057900000002|-|4|-|81a8f530f718994d-1202|4|5468c3a06e68207068e1bb91205468e1bba720c490e1bba9632c205468c3a06e68207068e1bb912048e1bb93204368c3ad204d696e68|$';

// The whole file runs in a Chromium whose fake camera shows the QR code of CCCD_A (per CI-SETUP.md).
const y4m = writeQrY4m(CCCD_A, path.resolve(import.meta.dirname, '..', 'test-output', 'fake-camera', `cccd-${process.pid}.y4m`));
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`,
    ],
  },
});

const nfc = (s: string) => s.normalize('NFC');

test('a keyboard-wedge scan of a registered CCCD in the header search opens that person', async ({ page, station }) => {
  await createHousehold(station.url, station.adminToken, 'Thôn Phú Hà', 'Xóm Đồi', { fullName: 'Nguyễn Văn A', sex: 'M', birthDate: '1990-01-01', cccd: '001090900001' });
  await signIn(page, station.url, CLERK);
  await new GlobalSearchPage(page).focusWithShortcut();
  await page.keyboard.type(CCCD_A, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(new PersonPage(page).name()).toHaveText('Nguyễn Văn A');
  await expect(page.getByTestId('person-cccd')).toHaveText('001090900001');
  await expect(page.getByTestId('global-search')).toHaveValue('');
});

test('a wedge scan of an unknown CCCD offers "Đăng ký người mới", prefilled from the card', async ({ page, station }) => {
  await signIn(page, station.url, CLERK);
  await new GlobalSearchPage(page).focusWithShortcut();
  await page.keyboard.type(CCCD_B, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('search-card-none')).toContainText('079185900002');
  await snap(page, '40-scan-unknown-card');
  await page.getByTestId('search-register').click();
  const list = new HouseholdsPage(page);
  await expect(page.getByTestId('register-card-banner')).toContainText('Trần Thị B');
  await expect(list.form.field(/^Họ và tên/)).toHaveValue('Trần Thị B');
  await expect(list.form.field(/^Số CCCD/)).toHaveValue('079185900002');
  await expect(list.form.field(/^Ngày sinh/)).toHaveValue('12/07/1985');
  await expect(list.form.root.getByRole('combobox', { name: /^Giới tính/ })).toHaveValue('Nữ');
  await expect(list.form.field('Địa chỉ thường trú')).toHaveValue('Ấp Mẫu, Xã Bình Chánh, Thành phố Hồ Chí Minh');
});

test('a BHYT card scanned into any field of the registration form fills the form instead of the field', async ({ page, station }) => {
  await signIn(page, station.url, CLERK);
  const list = new HouseholdsPage(page);
  await list.open();
  await list.startNewHousehold('Tổ dân phố 1', 'Số 8 đường Lê Lợi');
  await list.form.field('Nghề nghiệp').fill('Giáo viên');
  await list.form.field('Nghề nghiệp').focus();
  await page.keyboard.type(BHYT_B, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(list.form.field(/^Họ và tên/)).toHaveValue('Trần Thị B');
  await expect(list.form.field('Nghề nghiệp')).toHaveValue('Giáo viên');
  await expect(list.form.field(/^Mã số BHXH/)).toHaveValue('7900000002');
  await expect(list.form.field(/^Ngày sinh/)).toHaveValue('12/07/1985');
  await expect(list.form.field('Giá trị đến ngày')).toHaveValue('31/12/2024');
  await expect(list.form.field(/^Nơi ĐKKCB/)).toHaveValue('79024');
  // Enter ended the scan; it did not submit the form.
  await expect(list.modal().getByRole('dialog')).toBeVisible();
  await expect(page.getByTestId('dup-candidates')).toHaveCount(0);
});

test.describe('webcam scanning (Chromium fake camera showing a CCCD QR code)', () => {
  test('"Quét thẻ" in the registration form reads the card with the camera and fills name, CCCD and date of birth', async ({ page, station }) => {
    await signIn(page, station.url, CLERK);
    const list = new HouseholdsPage(page);
    await list.open();
    await list.startNewHousehold('Thôn Phú Hà', 'Xóm Đồi, nhà 2');
    await list.form.root.getByTestId('form-scan').click();
    const result = page.getByTestId('scan-result');
    await expect(result).toBeVisible();
    await expect(result).toContainText('001090900001');
    await snap(page, '41-scan-webcam-result');
    await page.getByTestId('scan-use').click();
    expect(nfc(await list.form.field(/^Họ và tên/).inputValue())).toBe(nfc('Nguyễn Văn A'));
    await expect(list.form.field(/^Số CCCD/)).toHaveValue('001090900001');
    await expect(list.form.field(/^Ngày sinh/)).toHaveValue('01/01/1990');
    expect(nfc(await list.form.field('Địa chỉ thường trú').inputValue())).toBe(nfc('Số 1 Phố Mẫu, Phường Ba Đình, Thành phố Hà Nội'));
    await expect(list.form.field('Ngày cấp')).toHaveValue('15/04/2021');
  });


  test('"Chọn ảnh" decodes a photo of a BHYT card; the header search then offers to register the cardholder', async ({ page, station }) => {
    await signIn(page, station.url, CLERK);
    await page.getByTestId('search-scan').click();
    const result = page.getByTestId('scan-result');
    await expect(result).toContainText('Nguyễn Văn A'); // the camera's card first
    await page.getByTestId('scan-dialog').locator('input[type=file]').setInputFiles({ name: 'the-bhyt.bmp', mimeType: 'image/bmp', buffer: qrBmp(BHYT_B) });
    await expect(result).toContainText('Trần Thị B');
    await expect(result).toContainText('Đã đọc thẻ BHYT');
    await page.getByTestId('scan-use').click();
    await expect(page.getByTestId('search-card-none')).toContainText('7900000002');
  });
});
