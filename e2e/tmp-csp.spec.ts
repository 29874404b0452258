import { expect, test } from './fixtures.js';
import { LoginPage } from './pages/LoginPage.js';
import { ADMIN, apiCall } from './server.js';

test('csp experiment', async ({ page, station }) => {
  await page.route((u) => u.pathname === '/' || u.pathname === '/index.html', async (route) => {
    const r = await route.fetch();
    const headers = { ...r.headers() };
    if (headers['content-security-policy']) headers['content-security-policy'] = headers['content-security-policy'] + "; frame-src 'self' blob:";
    await route.fulfill({ response: r, headers });
  });
  const { hamlets } = (await apiCall(station.url, 'hamlets.list', {}, station.adminToken)).body.value;
  const hh = await apiCall(station.url, 'households.create', { hamletId: hamlets[0].id, address: 'Số 7', head: { fullName: 'Lê Văn A', sex: 'M', birthDate: '1980' }, confirmNotDuplicate: true }, station.adminToken);
  console.log(JSON.stringify(hh.body).slice(0, 200));
  const r = await apiCall(station.url, 'referrals.create', { personId: hh.body.value.head.id, referral: { destinationId: '01900000-0000-7000-8000-00000000f001', reason: '1' } }, station.adminToken);
  console.log(JSON.stringify(r.body).slice(0, 300));
  await page.goto(station.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await page.goto(`${station.url}/#/chuyen-tuyen`);
  await page.getByTestId('referral-row').click();
  await page.getByTestId('referral-preview').click();
  await expect(page.getByTestId('pdf-preview')).toBeVisible();
  await page.waitForTimeout(2000);
  await page.screenshot({ path: 'test-output/screenshots/tmp-csp.png' });
});
