import { AppFramePage } from './pages/AppFramePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { expect, snap, test } from './fixtures.js';
import { ADMIN, CLERK, apiCall } from './server.js';

test('a wrong password is refused with a clear Vietnamese message', async ({ page, station }) => {
  await page.goto(station.url);
  const login = new LoginPage(page);
  await login.waitUntilShown();
  await login.signIn(ADMIN.username, 'sai-mat-khau');
  await expect(login.error()).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await snap(page, '10-login-wrong-password');
  await expect(page.getByLabel('Mật khẩu')).toHaveValue('');
});

test('five wrong passwords lock the account, even against the right password', async ({ page, station }) => {
  await page.goto(station.url);
  const login = new LoginPage(page);
  await login.waitUntilShown();
  for (let i = 0; i < 4; i++) {
    await login.signIn(CLERK.username, `sai-${i}`);
    await expect(login.error()).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  }
  await login.signIn(CLERK.username, 'sai-lan-cuoi');
  await expect(login.error()).toContainText('Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần');
  await login.signIn(CLERK.username, CLERK.password);
  await expect(login.error()).toContainText('Thử lại sau 15 phút');
  await snap(page, '11-login-locked-out');
  // Other accounts are not affected.
  await login.signIn(ADMIN.username, ADMIN.password);
  await new AppFramePage(page).waitUntilSignedIn(ADMIN.fullName);
});

test('a data clerk cannot manage users, in the interface or at the API', async ({ page, station }) => {
  await page.goto(station.url);
  await new LoginPage(page).signIn(CLERK.username, CLERK.password);
  const frame = new AppFramePage(page);
  await frame.waitUntilSignedIn(CLERK.fullName);
  await expect(frame.nav().getByRole('link', { name: 'Người dùng' })).toHaveCount(0);
  await expect(frame.nav().getByRole('link', { name: 'Nhật ký truy cập' })).toHaveCount(0);
  await page.goto(`${station.url}/#/nguoi-dung`);
  await expect(page.getByTestId('forbidden')).toContainText('Vai trò của bạn không được phép thực hiện thao tác này.');
  await snap(page, '12-clerk-forbidden');

  // The same refusal at the API, with the browser's own session cookie.
  const res = await page.request.post(`${station.url}/api/users.create`, {
    data: { username: 'hacker', fullName: 'Ai đó', role: 'admin', password: '12345678' },
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe('FORBIDDEN');
  const list = await apiCall(station.url, 'users.list', {}, station.adminToken);
  expect(list.body.value.users.map((u: { username: string }) => u.username)).not.toContain('hacker');
});

test('the administrator manages users: creates a nurse who can then sign in', async ({ page, station }) => {
  await page.goto(station.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const frame = new AppFramePage(page);
  await frame.waitUntilSignedIn(ADMIN.fullName);
  await frame.open('Người dùng');
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  await expect(page.getByLabel(/^Họ và tên/)).toBeFocused();
  await page.getByLabel(/^Họ và tên/).fill('Lê Thị Thu Hà');
  await page.getByLabel(/^Tên đăng nhập/).fill('thuha');
  await page.getByLabel(/^Mật khẩu/).fill('Dieu-duong-2026');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('users-table')).toContainText('Lê Thị Thu Hà');
  // A taken username is reported next to the field.
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  await page.getByLabel(/^Họ và tên/).fill('Người khác');
  await page.getByLabel(/^Tên đăng nhập/).fill('thuha');
  await page.getByLabel(/^Mật khẩu/).fill('Mat-khau-khac-1');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Tên đăng nhập "thuha" đã có người dùng.').first()).toBeVisible();
  await snap(page, '13-users');
  await page.keyboard.press('Escape');

  await frame.open('Nhật ký truy cập');
  await expect(page.getByTestId('audit-table')).toContainText('users.create');
  await snap(page, '14-audit-log');

  await frame.logout();
  await new LoginPage(page).signIn('thuha', 'Dieu-duong-2026');
  await frame.waitUntilSignedIn('Lê Thị Thu Hà');
  await expect(page.getByText('Điều dưỡng / Hộ sinh')).toBeVisible();
});

test('the interface switches between Vietnamese and English', async ({ page, station }) => {
  await page.goto(station.url);
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const login = new LoginPage(page);
  await login.signIn(ADMIN.username, 'wrong-password');
  await expect(login.error()).toHaveText('Wrong username or password.');
  await login.signIn(ADMIN.username, ADMIN.password);
  // The account's own language (Vietnamese) applies after sign-in; the menu switches it.
  const frame = new AppFramePage(page);
  await frame.waitUntilSignedIn(ADMIN.fullName);
  await frame.openUserMenu();
  await page.getByTestId('menu-language').click();
  await expect(frame.nav().getByRole('link', { name: 'Immunization' })).toBeVisible();
  await expect(page.getByTestId('home-title')).toHaveText(`Hello, ${ADMIN.fullName}`);
  await snap(page, '15-home-english');
  // The choice is kept for the account.
  await page.reload();
  await expect(frame.nav().getByRole('link', { name: 'Households' })).toBeVisible();
});

test('the screen locks after the idle time and unlocks only with the password', async ({ page, station }) => {
  await apiCall(station.url, 'settings.update', { idleLockMinutes: 1 }, station.adminToken);
  await page.clock.install();
  await page.goto(station.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const frame = new AppFramePage(page);
  await frame.waitUntilSignedIn(ADMIN.fullName);
  await page.clock.fastForward('01:10');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await snap(page, '16-lock-screen');
  // The server refuses data calls while locked.
  const locked = await page.request.post(`${station.url}/api/hamlets.list`, { data: {}, headers: { 'content-type': 'application/json' } });
  expect((await locked.json()).error.code).toBe('SESSION_LOCKED');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Mật khẩu không đúng.');
  await page.getByLabel('Mật khẩu').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await frame.waitUntilSignedIn(ADMIN.fullName);
});

test('the contract lists every procedure with its schemas for signed-in callers only', async ({ station }) => {
  const anonymous = await fetch(`${station.url}/api/_contract`);
  expect(anonymous.status).toBe(401);
  const res = await fetch(`${station.url}/api/_contract`, { headers: { authorization: `Bearer ${station.adminToken}` } });
  const listing = await res.json();
  const login = listing.procedures.find((p: { name: string }) => p.name === 'auth.login');
  expect(login.kind).toBe('write');
  expect(login.input.properties.username).toBeDefined();
  expect(listing.procedures.find((p: { name: string }) => p.name === 'users.create').access).toEqual(['admin']);
  expect(listing.events.map((e: { name: string }) => e.name)).toContain('data.changed');
});

test('a cross-site request is refused and a non-JSON post is rejected', async ({ station }) => {
  const cross = await fetch(`${station.url}/api/users.list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://evil.example', authorization: `Bearer ${station.adminToken}` },
    body: '{}',
  });
  expect(cross.status).toBe(403);
  const form = await fetch(`${station.url}/api/auth.login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=a&password=b' });
  expect(form.status).toBe(400);
  const body = await form.json();
  expect(body.ok).toBe(false);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
});
