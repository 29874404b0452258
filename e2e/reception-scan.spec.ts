import path from 'node:path';
import { writeQrY4m } from './fake-camera.js';
import { expect, snap, test } from './fixtures.js';
import { VisitsPage } from './pages/VisitsPage.js';
import { createHousehold, signIn } from './persons-api.js';
import { CLERK } from './server.js';

// Synthetic payload from ../shared/data/qr_samples.csv (cccd_01): an invented person.
const CCCD_A = '001090900001|012345678|Nguyễn Văn A|01011990|Nam|Số 1 Phố Mẫu, Phường Ba Đình, Thành phố Hà Nội|15042021';
const y4m = writeQrY4m(CCCD_A, path.resolve(import.meta.dirname, '..', 'test-output', 'fake-camera', `reception-${process.pid}.y4m`));
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`,
    ],
  },
});

async function receiveScanned(page: import('@playwright/test').Page, queue: VisitsPage, reason: string) {
  const reasonInput = page.getByTestId('receive-reason');
  await expect(reasonInput).toBeFocused();
  await expect(page.getByTestId('receive-modal')).toContainText('Nguyễn Văn A');
  await reasonInput.fill(reason);
  await page.keyboard.press('Enter');
  const number = page.getByTestId('received-number');
  await expect(number).toBeVisible();
  const value = Number(await number.textContent());
  await page.keyboard.press('Enter');
  await expect(queue.row(value)).toContainText('Nguyễn Văn A');
  return value;
}

test('a visitor is received by a keyboard-wedge scan of the CCCD, then by the webcam', async ({ page, station }) => {
  await createHousehold(station.url, station.adminToken, 'Thôn Phú Hà', 'Xóm Đồi', { fullName: 'Nguyễn Văn A', sex: 'M', birthDate: '1990-01-01', cccd: '001090900001' });
  await signIn(page, station.url, CLERK);
  const queue = new VisitsPage(page);
  await queue.open(station.url);

  // The scanner types the QR content and Enter very fast into the focused search box.
  await page.getByTestId('queue-receive').click();
  await expect(page.getByTestId('receive-search')).toBeFocused();
  await page.keyboard.type(CCCD_A, { delay: 5 });
  await page.keyboard.press('Enter');
  const first = await receiveScanned(page, queue, 'Sốt, ho 3 ngày');

  // The same card held in front of the webcam.
  await page.getByTestId('queue-receive').click();
  await page.getByTestId('receive-scan').click();
  await expect(page.getByTestId('scan-result')).toContainText('001090900001');
  await snap(page, '42-reception-webcam');
  await page.getByTestId('scan-use').click();
  const second = await receiveScanned(page, queue, 'Tái khám');
  expect(second).toBe(first + 1);
});
