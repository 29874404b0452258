import path from 'node:path';
import type { Page } from '@playwright/test';
import { formatDateVi } from '../shared/dates.js';
import { addDays, stationDate } from '../shared/visits/station-date.js';
import { moveClocks } from './clock.js';
import { expect, snap, test } from './fixtures.js';
import { createHousehold, signIn } from './persons-api.js';
import { NcdFollowupPage } from './pages/NcdFollowupPage.js';
import { NcdPage } from './pages/NcdPage.js';
import { ADMIN, apiCall } from './server.js';

test.use({ testClock: true });

/** What the user sees (the viewport), for one-screen forms and modals; snap() takes the whole page. */
async function snapScreen(page: Page, name: string) {
  await page.screenshot({ path: path.resolve(import.meta.dirname, '..', 'test-output', 'screenshots', `${name}.png`) });
}

async function ok(url: string, name: string, input: unknown, token: string) {
  const res = await apiCall(url, name, input, token);
  if (!res.body.ok) throw new Error(`${name}: ${JSON.stringify(res.body.error)}`);
  return res.body.value;
}

/** Trần Văn Bình, 68, Thôn Phú Hà, with a phone; the station's starter medicine catalogue. */
async function seed(url: string, token: string) {
  const { headId } = await createHousehold(url, token, 'Thôn Phú Hà', 'Số 12, xóm Bến', {
    fullName: 'Trần Văn Bình',
    sex: 'M',
    birthDate: '1958-04-17',
    ethnicityCode: '01',
    phone: '0983123456',
  });
  await ok(url, 'catalog.medicineImportStarter', {}, token);
  return headId;
}

test('chronic-disease follow-up: screening offer at a visit, keyboard-only follow-ups, chart, overdue list and calls, indicators', async ({ page, station }) => {
  test.setTimeout(180_000);
  const url = station.url;
  const personId = await seed(url, station.adminToken);
  const today = stationDate(new Date());
  await page.clock.install();
  await signIn(page, url, ADMIN);

  // --- A visit: BP typed 165/100 → offer to enroll in hypertension, before the visit is even saved. ---
  const received = await ok(url, 'visits.receive', { personId, reason: 'Đau đầu, chóng mặt', insured: false }, station.adminToken);
  await page.goto(`${url}/#/kham-benh/luot/${received.visit.id}`);
  await expect(page.getByTestId('visit-form')).toBeVisible();
  await page.getByTestId('vital-systolic').fill('165');
  await page.getByTestId('vital-diastolic').fill('100');
  await page.getByTestId('vital-weightKg').fill('64');
  const bpOffer = page.locator('[data-testid="ncd-offer"][data-program="hypertension"]');
  await expect(bpOffer).toContainText('Đề nghị đăng ký quản lý tăng huyết áp');
  await expect(bpOffer).toContainText('Huyết áp 165/100 mmHg');
  // A fasting glucose of 8.2 mmol/L recorded as screening → offer for diabetes too.
  await page.getByTestId('ncd-sugar-value').fill('8.2');
  await page.getByTestId('ncd-sugar-save').click();
  const sugarOffer = page.locator('[data-testid="ncd-offer"][data-program="diabetes_t2"]');
  await expect(sugarOffer).toContainText('Đề nghị đăng ký quản lý đái tháo đường');
  await expect(sugarOffer).toContainText('8.2 mmol/L');
  await snap(page, 'ncd-screening-offer');

  // Enroll in hypertension from the offer: pre-filled program, baseline BP and weight, ICD-10 I10 proposed. Registered
  // 120 days ago (diagnosed and followed elsewhere before), so the patient counts in this month's control indicator.
  await bpOffer.getByTestId('ncd-offer-enroll').click();
  const enrollForm = page.getByTestId('enroll-form');
  await expect(enrollForm).toBeVisible();
  await expect(page.getByTestId('enroll-program')).toHaveValue('Tăng huyết áp');
  await expect(page.getByTestId('enroll-baseline-bp-systolic')).toHaveValue('165');
  await expect(page.getByTestId('enroll-baseline-bp-diastolic')).toHaveValue('100');
  await expect(page.getByTestId('enroll-baseline-weightKg')).toHaveValue('64');
  await expect(page.getByTestId('enroll-icd')).toHaveValue(/^I10 — /);
  const enrolledOn = addDays(today, -120);
  await page.getByTestId('enroll-date').fill(formatDateVi(enrolledOn));
  await page.getByTestId('enroll-heartAttack').check();
  await snapScreen(page, 'ncd-enroll-modal');
  await page.getByTestId('enroll-submit').click();
  await expect(enrollForm).toBeHidden();
  await expect(bpOffer).toHaveCount(0);
  // Then diabetes from its offer (enrolled today), baseline glucose from the screening.
  await sugarOffer.getByTestId('ncd-offer-enroll').click();
  await expect(page.getByTestId('enroll-program')).toHaveValue('Đái tháo đường típ 2');
  await expect(page.getByTestId('enroll-baseline-glucose-value')).toHaveValue('8.2');
  await expect(page.getByTestId('enroll-icd')).toHaveValue(/^E11 — /);
  await page.getByTestId('enroll-submit').click();
  await expect(enrollForm).toBeHidden();
  await expect(page.getByTestId('ncd-offer')).toHaveCount(0);

  // --- Indicators before any follow-up: in the denominator, but no visit in 3 months. ---
  const ncd = new NcdPage(page);
  await ncd.openOverdue(url);
  await ncd.openIndicators();
  await expect(ncd.stat('registered')).toHaveAttribute('data-value', '1');
  await expect(ncd.stat('denominator')).toHaveAttribute('data-value', '1');
  await expect(ncd.stat('bp-missedVisit')).toHaveAttribute('data-value', '1');
  await expect(ncd.stat('bp-controlled')).toHaveAttribute('data-value', '0');

  // --- Follow-up 1 (diabetes), keyboard only: one BP reading, glucose in mmol/L (converted shown), a medicine. ---
  await ncd.openPersonTab(url, personId);
  await expect(ncd.enrollment('hypertension')).toContainText('I10');
  await ncd.startFollowup('diabetes_t2');
  const fu = new NcdFollowupPage(page);
  await fu.expectOpen();
  await fu.typeAndEnter('145', 'bp1-systolic');
  await fu.typeAndEnter('92', 'bp1-diastolic');
  await expect(fu.mean()).toHaveAttribute('data-mean', '145/92');
  await fu.typeAndEnter('', 'bp2-systolic');
  await fu.typeAndEnter('', 'bp2-diastolic');
  await fu.typeAndEnter('78', 'pulse');
  await fu.typeAndEnter('63.5', 'weight');
  await expect(fu.field('glucose')).toBeFocused();
  await page.keyboard.type('8.2');
  await expect(fu.converted()).toHaveText('= 148 mg/dL');
  await page.keyboard.press('Enter'); // → unit (mmol/L kept)
  await page.keyboard.press('Enter'); // → fasting/random/post-meal (fasting kept)
  await page.keyboard.press('Enter');
  await fu.typeAndEnter('7.4', 'hba1c');
  await fu.typeAndEnter('Khát nước, tiểu nhiều', 'symptoms');
  await page.keyboard.press('ArrowRight'); // adherence: "Tốt"
  await page.keyboard.press('Enter');
  await fu.typeAndEnter('', 'complications');
  await fu.pickMedicineByKeyboard('metformin', 'Metformin 500 mg');
  await expect(fu.field('med-quantity-0')).toBeFocused();
  await fu.typeAndEnter('60', 'med-quantity-0');
  await expect(fu.field('med-days-0')).toHaveValue('30');
  await fu.typeAndEnter('', 'med-days-0');
  await fu.typeAndEnter('', 'med-add');
  await expect(fu.field('date')).toHaveValue(formatDateVi(today));
  await fu.typeAndEnter('', 'date');
  await expect(fu.field('next')).toBeFocused();
  await expect(fu.field('next')).toHaveValue(formatDateVi(addDays(today, 30)));
  await snapScreen(page, 'ncd-followup-form');
  await page.keyboard.press('Enter'); // saves
  await expect(page.getByTestId('ncd-tab')).toBeVisible();

  const diabetes = await ok(url, 'ncd.followupsForPerson', { personId, program: 'diabetes_t2' }, station.adminToken);
  expect(diabetes.followups).toHaveLength(1);
  expect(diabetes.followups[0]).toMatchObject({ glucoseUnitEntered: 'mmol_l', glucoseMgdl: 147.6, glucoseMmol: 8.2, hba1c: 7.4, adherence: 'good', bp: { systolic: 145, diastolic: 92 } });
  expect(diabetes.followups[0].medicines).toEqual([expect.objectContaining({ name: 'Metformin 500 mg', quantity: 60, days: 30 })]);

  // --- Follow-up 2 (hypertension): impossible BP refused with the backend's message, then two readings. ---
  await ncd.startFollowup('hypertension');
  await fu.expectOpen();
  await page.keyboard.type('350');
  await page.keyboard.press('Enter');
  await page.keyboard.type('85');
  await page.keyboard.press('Control+Enter');
  await fu.expectFieldError('bp1-systolic', 'Huyết áp tâm thu phải từ 50 đến 300 mmHg');
  await expect(fu.field('bp1-systolic')).toBeFocused();
  await snapScreen(page, 'ncd-followup-error');
  const none = await ok(url, 'ncd.followupsForPerson', { personId, program: 'hypertension' }, station.adminToken);
  expect(none.followups).toHaveLength(0);

  await fu.field('bp1-systolic').fill('135');
  await page.keyboard.press('Enter');
  await fu.typeAndEnter('', 'bp1-diastolic');
  await fu.typeAndEnter('128', 'bp2-systolic');
  await fu.typeAndEnter('82', 'bp2-diastolic');
  // Mean of 135/85 and 128/82 = 131.5/83.5: under the HEARTS 140/90, above this patient's 130/80 (with diabetes).
  await expect(fu.mean()).toHaveAttribute('data-mean', '131.5/83.5');
  await expect(fu.mean()).toContainText('Chưa đạt mục tiêu < 130/80');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('ncd-tab')).toBeVisible();

  // --- The chart: BP points from both follow-ups, glucose and HbA1c from the first. ---
  await expect(ncd.historyRows()).toHaveCount(2);
  await expect(ncd.chartDots('ncd-bp-chart')).not.toHaveCount(0);
  expect(await ncd.chartDots('ncd-bp-chart').count()).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('ncd-bp-chart')).toHaveAttribute('data-points', '2');
  await expect(page.getByTestId('ncd-glucose-chart')).toHaveAttribute('data-points', '1');
  await expect(ncd.historyRows().first()).toContainText('131.5/83.5');
  await snap(page, 'ncd-person-tab');

  // --- A follow-up entered by mistake (BP 240/85 typed for 140/85; recorded through the API) is voided from the
  // history with a reason, and the chart goes back to two points. ---
  const { enrollments } = await ok(url, 'ncd.enrollmentsForPerson', { personId }, station.adminToken);
  const htn = enrollments.find((e: { program: string }) => e.program === 'hypertension');
  await ok(url, 'ncd.recordFollowup', { enrollmentId: htn.id, bp1: { systolic: 240, diastolic: 85 } }, station.adminToken);
  await page.reload();
  await expect(ncd.historyRows()).toHaveCount(3);
  await expect(page.getByTestId('ncd-bp-chart')).toHaveAttribute('data-points', '3');
  await ncd.historyRows().filter({ hasText: '240/85' }).getByTestId('ncd-history-void').click();
  await page.getByTestId('ncd-void-reason').fill('sai');
  await page.getByTestId('ncd-void-save').click();
  await expect(page.getByText('Ghi rõ lý do (ít nhất 5 ký tự)')).toBeVisible();
  await snap(page, 'ncd-void-followup');
  await page.getByTestId('ncd-void-reason').fill('Nhập nhầm huyết áp 240, đúng là 140');
  await page.getByTestId('ncd-void-save').click();
  await expect(page.getByText('Đã hủy lần tái khám.')).toBeVisible();
  await expect(ncd.historyRows()).toHaveCount(2);
  await expect(ncd.historyRows().filter({ hasText: '240/85' })).toHaveCount(0);
  await expect(page.getByTestId('ncd-bp-chart')).toHaveAttribute('data-points', '2');

  // Indicators now: the hypertension patient visited with a controlled BP (HEARTS < 140/90).
  await ncd.openOverdue(url);
  await expect(ncd.total()).toHaveAttribute('data-total', '0');
  await ncd.openIndicators();
  await expect(ncd.stat('bp-missedVisit')).toHaveAttribute('data-value', '0');
  await expect(ncd.stat('bp-controlled')).toHaveAttribute('data-value', '1');
  await expect(ncd.stat('control-rate')).toHaveAttribute('data-value', '100');

  // --- 40 days later: both appointments (today + 30) have passed without a visit. ---
  const later = addDays(today, 40);
  await moveClocks(page, station, `${later}T03:00:00Z`);
  // The jump outlives the session: sign in again.
  await signIn(page, url, ADMIN);
  await ncd.openOverdue(url);
  await expect(ncd.total()).toHaveAttribute('data-total', '2');
  await expect(ncd.rows()).toHaveCount(2);
  // High risk first: the diabetes patient's fasting glucose 147.6 mg/dL is above the controlled band.
  const first = ncd.rows().nth(0);
  await expect(first).toContainText('Trần Văn Bình');
  await expect(first).toContainText('Đái tháo đường típ 2');
  await expect(first.getByTestId('overdue-high-risk')).toHaveText('Nguy cơ cao');
  await expect(first.getByTestId('overdue-days')).toHaveText('Quá hẹn 10 ngày');
  await expect(first).toContainText('0983123456');
  await expect(first).toContainText('Thôn Phú Hà');
  const second = ncd.rows().nth(1);
  await expect(second).toContainText('Tăng huyết áp');
  await expect(second).toContainText('131.5/83.5');
  await snap(page, 'ncd-overdue');

  // Filter by program.
  await ncd.chooseSelect('overdue-program', 'Tăng huyết áp');
  await expect(ncd.total()).toHaveAttribute('data-total', '1');
  await page.reload();

  // Calls: "could not reach" keeps the row with its outcome; "agreed" takes the other off the list.
  await ncd.openOverdue(url);
  await ncd.recordCall(ncd.rows().filter({ hasText: 'Tăng huyết áp' }), 'unreachable', 'Thuê bao không liên lạc được');
  await snapScreen(page, 'ncd-call-modal');
  await ncd.saveCall();
  await expect(ncd.rows().filter({ hasText: 'Tăng huyết áp' }).getByTestId('overdue-last-call')).toContainText('Không liên lạc được');
  await ncd.recordCall(ncd.rows().filter({ hasText: 'Đái tháo đường' }), 'agreed');
  await ncd.saveCall();
  await expect(ncd.total()).toHaveAttribute('data-total', '1');
  await expect(ncd.rows()).toHaveCount(1);
  await expect(ncd.rows().first()).toContainText('Tăng huyết áp');

  // The call list exports (.xlsx) and prints (PDF preview).
  const download = page.waitForEvent('download');
  await page.getByTestId('overdue-export').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  await page.getByTestId('overdue-print').click();
  await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-file-name', /\.pdf$/);
  await page.keyboard.press('Escape');

  // Indicators of the new month still count the patient (a visit within the last 3 months).
  await ncd.openIndicators();
  await expect(ncd.stat('registered')).toHaveAttribute('data-value', '1');
  await expect(ncd.stat('underCare')).toHaveAttribute('data-value', '1');
  await expect(page.getByTestId('ind-trend').locator('.recharts-line')).not.toHaveCount(0);
  await snap(page, 'ncd-indicators');

  // The diabetes program reports its sugar bands (enrolled this quarter: not yet in the control denominator).
  await ncd.chooseSelect('ind-program', 'Đái tháo đường típ 2');
  await expect(page.getByTestId('ind-diabetes')).toBeVisible();
  await expect(ncd.stat('denominator')).toHaveAttribute('data-value', '0');
  await expect(ncd.stat('registered')).toHaveAttribute('data-value', '1');
  await snap(page, 'ncd-indicators-diabetes');
  // A quarter of the hypertension program, with its cohort table.
  await ncd.chooseSelect('ind-program', 'Tăng huyết áp');
  await page.getByTestId('ind-kind').getByText('Quý', { exact: true }).click();
  await expect(page.getByTestId('ind-cohort')).toBeVisible();
  await expect(ncd.stat('new')).toContainText('Đăng ký mới trong quý');
  await snap(page, 'ncd-indicators-quarter');

  await page.getByTestId('ncd-nav-lost').click();
  await expect(page.getByTestId('overdue-empty')).toHaveText('Không có ai mất dấu quá 12 tháng.');

  // "Đang quản lý": the patient once per program, both appointments passed; the hypertension row's BP
  // (131.5/83.5) is above this patient's target of 130/80 (with diabetes).
  await page.getByTestId('ncd-nav-patients').click();
  await expect(page.getByTestId('patients-total')).toHaveAttribute('data-total', '2');
  await expect(page.getByTestId('patients-row')).toHaveCount(2);
  await expect(page.getByTestId('patients-overdue')).toHaveCount(2);
  const htnRow = page.getByTestId('patients-row').filter({ hasText: 'Tăng huyết áp' });
  await expect(htnRow).toContainText('131.5/83.5');
  await expect(htnRow.getByTestId('patients-bp-target')).toHaveText('Chưa đạt mục tiêu');
  await snap(page, 'ncd-patients');
  const patientsFile = page.waitForEvent('download');
  await page.getByTestId('patients-export').click();
  expect((await patientsFile).suggestedFilename()).toMatch(/^ds-dang-quan-ly-.*\.xlsx$/);
  await page.getByTestId('patients-status').getByText('Đã kết thúc quản lý').click();
  await expect(page.getByTestId('patients-empty')).toBeVisible();
});
