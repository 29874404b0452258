import { AppFramePage } from './pages/AppFramePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { SetupWizardPage } from './pages/SetupWizardPage.js';
import { expect, snap, test } from './fixtures.js';

test('a new station is set up with the wizard, then the administrator signs in to the Vietnamese app frame', async ({ page, freshStation }) => {
  await page.goto(freshStation.url);
  const wizard = new SetupWizardPage(page);
  await wizard.waitUntilShown();
  await snap(page, '01-setup-facility');

  // A wrong facility code is stopped on the first step with a clear message.
  await page.getByLabel('Tên cơ sở').fill('Trạm Y tế xã Bảo Thắng');
  await page.getByLabel('Mã cơ sở KCB (5 ký tự)').fill('12');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Mã cơ sở gồm đúng 5 chữ số hoặc chữ cái')).toBeVisible();
  await page.getByLabel('Tên cơ sở').fill('');

  await wizard.fillFacility('Trạm Y tế xã Bảo Thắng', '15123', 'UBND xã Bảo Thắng');
  await wizard.chooseLocation('Tỉnh Lào Cai', 'Xã Bảo Thắng');
  await snap(page, '02-setup-hamlets');
  await wizard.fillHamlets(['Thôn Phú Hà', 'Thôn Đông Cuông', 'Bản Mường Bát']);
  await wizard.fillAdmin('Nguyễn Thị Hồng Nhung', 'quantri', 'Tram-y-te-2026', 'khac-mat-khau');
  await wizard.finish();
  await expect(page.getByText('Hai mật khẩu không khớp')).toBeVisible();
  await page.getByLabel('Nhập lại mật khẩu').fill('Tram-y-te-2026');
  await snap(page, '03-setup-admin');
  await wizard.finish();

  const login = new LoginPage(page);
  await login.waitUntilShown();
  await snap(page, '04-login');
  await login.signIn('quantri', 'Tram-y-te-2026');

  const frame = new AppFramePage(page);
  await frame.waitUntilSignedIn('Nguyễn Thị Hồng Nhung');
  await expect(page.getByTestId('facility-name')).toContainText('Trạm Y tế xã Bảo Thắng');
  for (const label of ['Trang chủ', 'Hộ gia đình', 'Khám bệnh', 'Bệnh mạn tính', 'Tiêm chủng', 'Chuyển tuyến', 'Báo cáo', 'Đồng bộ', 'Cài đặt']) {
    await expect(frame.nav().getByRole('link', { name: label, exact: true })).toBeVisible();
  }
  await snap(page, '05-home');

  // Báo cáo: the index of the station's registers and reports, each opening the screen that builds it.
  await frame.open('Báo cáo');
  await expect(page.getByTestId('reports-index').getByRole('link')).toHaveCount(9);
  await snap(page, '06-reports');
  await page.getByRole('link', { name: 'Sổ khám bệnh (A1/CSYT)' }).click();
  await expect(page).toHaveURL(/#\/kham-benh\/so-kham-benh$/);
  await expect(page.getByTestId('register-from')).toBeVisible();

  await frame.open('Cài đặt');
  await expect(page.getByTestId('hamlet-list')).toContainText('Bản Mường Bát');
  await snap(page, '07-settings');

  // The setup is refused a second time, at the API.
  const again = await page.request.post(`${freshStation.url}/api/setup.complete`, { data: {}, headers: { 'content-type': 'application/json' } });
  expect((await again.json()).ok).toBe(false);
});
