import { chromium, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { FORBIDDEN_ON_PAGE, pdfText } from '../main/core/print/testing.js';
import { addDays, addMonths } from '../shared/immunization/dates.js';
import { stationDate } from '../shared/visits/station-date.js';
import { setStationClock } from './clock.js';
import { writeQrY4m } from './fake-camera.js';
import { expect, snap as fullSnap, test } from './fixtures.js';
import { gs1Payload, gtin14, writeDataMatrixY4m } from './pages/ImmCamera.js';
import { ImmSessionPage } from './pages/ImmSessionPage.js';
import { hamletId, signIn } from './persons-api.js';
import { ADMIN, apiCall } from './server.js';

/**
 * Issue 7: an immunization day run by two workstations at once. Desk A (reception + screening) has a webcam that sees
 * a child's CCCD QR; desk B (vaccination + observation) has one that sees the GS1 DataMatrix of a DPT-VGB-Hib vial.
 * Children are created through the API with birth doses from the district hospital; everything else is done on screen.
 */

const today = stationDate(new Date());
const twoMonthsOld = addDays(addMonths(today, -2), -5);
const yy = twoMonthsOld.slice(2, 4);
// Synthetic CCCDs (province 001, "2" = boy born in the 2000s, the birth year, six digits), as on a child's chip card.
const CCCD_KHANG = `0012${yy}900112`;
const CCCD_HUY = `0012${yy}900113`;
const qrOf = (cccd: string, name: string) =>
  `${cccd}||${name}|${twoMonthsOld.slice(8, 10)}${twoMonthsOld.slice(5, 7)}${twoMonthsOld.slice(0, 4)}|Nam|Tổ dân phố 1, Xã Bảo Thắng, Tỉnh Lào Cai|${twoMonthsOld.slice(8, 10)}${twoMonthsOld.slice(5, 7)}${twoMonthsOld.slice(0, 4)}`;

const DPT_LOT = 'DPT2607A';
const DPT_EXPIRY = addDays(addMonths(today, 14), 0).slice(0, 8) + '28';
const DPT_GTIN = gtin14('0893601458001');

const OUT = path.resolve(import.meta.dirname, '..', 'test-output', 'fake-camera');
const qrVideo = writeQrY4m(qrOf(CCCD_HUY, 'Phạm Gia Huy'), path.join(OUT, `imm-cccd-${process.pid}.y4m`));
const dmVideo = writeDataMatrixY4m(gs1Payload(DPT_GTIN, DPT_EXPIRY, DPT_LOT), path.join(OUT, `imm-dpt-${process.pid}.y4m`));
const chromiumArgs = (video: string) => [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`,
];

test.use({ testClock: true, actionTimeout: 15_000, launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs(qrVideo) } });

/** A full-page screenshot from the top (a scrolled page would capture the fixed header mid-page). */
async function snap(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullSnap(page, name);
}

const NURSE = { username: 'yta_lan', password: 'Tiem-chung-2026', fullName: 'Hoàng Thị Lan' };

async function ok(url: string, name: string, input: unknown, token: string) {
  const res = await apiCall(url, name, input, token);
  if (!res.body.ok) throw new Error(`${name}: ${JSON.stringify(res.body.error)}`);
  return res.body.value;
}

/** A family: father as head (phone), mother (phone), children born two months ago with their hospital birth doses. */
async function family(url: string, token: string, hamlet: string, surname: string, children: { name: string; sex: 'M' | 'F'; cccd?: string }[]) {
  const hh = await ok(
    url,
    'households.create',
    {
      hamletId: await hamletId(url, token, hamlet),
      address: `Số 12, ${hamlet}`,
      head: { fullName: `${surname} Văn Hùng`, sex: 'M', birthDate: '1992-04-10', ethnicityCode: '01', phone: '0912345678' },
      confirmNotDuplicate: true,
      confirmCccdWarnings: true,
    },
    token,
  );
  const mother = await ok(
    url,
    'persons.register',
    { householdId: hh.household.id, relationToHead: 'spouse', person: { fullName: `Trần Thị Mai ${surname}`, sex: 'F', birthDate: '1996-08-20', ethnicityCode: '01', phone: '0987654321' }, confirmNotDuplicate: true },
    token,
  );
  const ids: string[] = [];
  for (const c of children) {
    const id = c.cccd
      ? (
          await ok(
            url,
            'persons.register',
            {
              householdId: hh.household.id,
              relationToHead: 'child',
              person: { fullName: c.name, sex: c.sex, birthDate: twoMonthsOld, ethnicityCode: '01', cccd: c.cccd, motherName: `Trần Thị Mai ${surname}`, fatherName: `${surname} Văn Hùng` },
              confirmNotDuplicate: true,
              confirmCccdWarnings: true,
            },
            token,
          )
        ).person.id
      : (await ok(url, 'households.addNewborn', { motherId: mother.person.id, fullName: c.name, sex: c.sex, birthDate: twoMonthsOld }, token)).person.id;
    await ok(url, 'imm.recordDose', { personId: id, vaccineCode: 'VGB', givenOn: twoMonthsOld, givenElsewhere: true, place: 'Bệnh viện Đa khoa huyện Bảo Thắng' }, token);
    await ok(url, 'imm.recordDose', { personId: id, vaccineCode: 'BCG', givenOn: addDays(twoMonthsOld, 2), givenElsewhere: true, place: 'Bệnh viện Đa khoa huyện Bảo Thắng' }, token);
    ids.push(id);
  }
  return ids;
}

async function lotDoses(url: string, token: string, lotNumber: string): Promise<number> {
  const v = await ok(url, 'imm.lots', { includeEmpty: true }, token);
  return v.lots.find((l: { lotNumber: string }) => l.lotNumber === lotNumber).onHandDoses;
}

test('an immunization day on two workstations: plan, print, check in, screen, vaccinate, observe, adverse event, stock and summary', async ({ page: deskA, station }) => {
  test.setTimeout(300_000);
  const url = station.url;
  const token = station.adminToken;
  // A 31-minute jump of the station clock must not lock the workstations (default idle lock: 10 minutes).
  await ok(url, 'settings.update', { idleLockMinutes: 120 }, token);
  await ok(url, 'users.create', { ...NURSE, role: 'nurse' }, token);
  const [anId, haId] = await family(url, token, 'Thôn Phú Hà', 'Nguyễn', [
    { name: 'Nguyễn Bảo An', sex: 'M' },
    { name: 'Nguyễn Thu Hà', sex: 'F' },
  ]);
  await family(url, token, 'Thôn Đông Cuông', 'Lê', [{ name: 'Lê Minh Khang', sex: 'M', cccd: CCCD_KHANG }]);
  await family(url, token, 'Tổ dân phố 1', 'Phạm', [{ name: 'Phạm Gia Huy', sex: 'M', cccd: CCCD_HUY }]);
  await ok(url, 'imm.receiveStock', { vaccineCode: 'bOPV', lotNumber: 'OPV-2611', expiry: addMonths(today, 8), vialSize: 20, vials: 2 }, token);
  await ok(url, 'imm.receiveStock', { vaccineCode: 'Rota', lotNumber: 'RT-2609', expiry: addMonths(today, 6), vialSize: 1, vials: 10 }, token);

  const browserB = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs(dmVideo) });
  const contextB = await browserB.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 800 } });
  const deskB: Page = await contextB.newPage();
  try {
    await signIn(deskA, url, ADMIN);
    await signIn(deskB, url, NURSE);
    const a = new ImmSessionPage(deskA);
    const b = new ImmSessionPage(deskB);

    // ── Planning (desk A): the due list by hamlet with parents and phones; the vaccine need shows DPT missing.
    await a.openSessions(url);
    const sessionId = await a.createSession('Trạm Y tế xã Bảo Thắng', ['Thôn Phú Hà', 'Thôn Đông Cuông']);
    await expect(deskA.getByTestId('imm-due-total')).toContainText('3 người');
    await expect(a.dueGroup('Thôn Phú Hà').getByTestId('imm-due-row')).toHaveCount(2);
    await expect(a.dueGroup('Thôn Đông Cuông')).toContainText('Lê Minh Khang');
    await expect(a.dueGroup('Thôn Phú Hà').getByTestId('imm-due-row').first()).toContainText('Trần Thị Mai Nguyễn');
    await expect(a.dueGroup('Thôn Phú Hà').getByTestId('imm-phones').first()).toContainText('0987654321');
    await expect(a.dueGroup('Thôn Phú Hà').getByTestId('imm-due-row').first()).toContainText('DPT-VGB-Hib 1');
    await expect(a.needRow('DPT-VGB-Hib').getByTestId('imm-need-shortfall')).toContainText('4 lọ'); // 3 doses × 1.05 wastage → 4 single-dose vials
    await expect(a.needRow('bOPV').getByTestId('imm-need-shortfall')).toContainText('Đủ');
    await snap(deskA, 'imm-01-plan');

    // The invitation list as printed.
    const invitation = pdfText(await a.pdf('imm-print-invitation', 'imm-invitation'));
    for (const text of ['Nguyễn Bảo An', 'Nguyễn Thu Hà', 'Lê Minh Khang', 'Thôn Phú Hà', 'Thôn Đông Cuông', '0987654321', 'DPT-VGB-Hib 1']) expect(invitation).toContain(text);
    expect(invitation).not.toContain('Phạm Gia Huy');
    for (const bad of FORBIDDEN_ON_PAGE) expect(invitation).not.toMatch(bad);

    // ── Stock (desk B): receive the DPT-VGB-Hib lot by scanning the box's DataMatrix; desk A's need turns "Đủ" live.
    await deskB.goto(`${url}/#/tiem-chung/kho-vac-xin`);
    await deskB.getByTestId('imm-stock-receive').click();
    const receive = deskB.getByTestId('imm-receive-modal');
    await receive.getByTestId('imm-receive-vaccine').click();
    await deskB.getByRole('option', { name: 'DPT-VGB-Hib (5 trong 1)' }).click();
    await receive.getByTestId('imm-receive-scan').click();
    await expect(deskB.getByTestId('imm-lot-scan-result')).toContainText(DPT_LOT);
    await deskB.getByTestId('imm-lot-scan-use').click();
    await expect(receive.getByTestId('imm-receive-lot')).toHaveValue(DPT_LOT);
    await expect(receive.getByTestId('imm-receive-gtin')).toHaveValue(DPT_GTIN);
    await receive.getByTestId('imm-receive-vials').fill('20');
    await expect(receive.getByTestId('imm-receive-total')).toContainText('20 liều');
    await snap(deskB, 'imm-02-receive-scan');
    await receive.getByTestId('imm-receive-save').click();
    await expect(deskB.locator(`[data-testid="imm-stock-lot"][data-lot="${DPT_LOT}"]`).getByTestId('imm-stock-lot-doses')).toHaveText('20');
    await expect(a.needRow('DPT-VGB-Hib').getByTestId('imm-need-shortfall')).toContainText('Đủ');

    // ── Check-in (desk A): one click from the invited list, a wedge scan of a CCCD, a webcam scan (walk-in).
    await a.view('day');
    await a.admitInvited('Nguyễn Bảo An');
    await deskA.getByTestId('imm-checkin-search').click();
    await deskA.keyboard.type(qrOf(CCCD_KHANG, 'Lê Minh Khang'), { delay: 5 });
    await deskA.keyboard.press('Enter');
    await expect(a.queueRow('Lê Minh Khang')).toBeVisible();
    await deskA.getByTestId('imm-checkin-scan').click();
    await expect(deskA.getByTestId('scan-result')).toContainText(CCCD_HUY);
    await deskA.getByTestId('scan-use').click();
    await expect(a.queueRow('Phạm Gia Huy')).toBeVisible();
    await expect(a.queueRow('Phạm Gia Huy')).toContainText('Vãng lai');
    await expect(deskA.getByTestId('imm-session-status')).toHaveAttribute('data-status', 'open');

    // Desk B follows the same session.
    await b.openDay(url, sessionId);
    await b.desk('vaccination');
    await expect(deskB.getByTestId('imm-queue-empty')).toBeVisible();

    // ── Screening (desk A): a temperature out of range is refused; fever 38,5 °C postpones with a return date.
    let screening = await a.openScreening('Lê Minh Khang');
    await screening.getByTestId('imm-screen-all-no').click();
    await screening.getByTestId('imm-screen-temperature').fill('45');
    await screening.getByTestId('imm-screen-save').click();
    await expect(screening).toContainText('Nhiệt độ phải từ 34 đến 43 °C');
    await screening.getByTestId('imm-screen-temperature').fill('38,5');
    await expect(screening.locator('[data-item="fever-or-hypothermia"]')).toContainText('theo nhiệt độ đo được');
    await expect(screening.getByTestId('imm-screen-derived')).toHaveAttribute('data-outcome', 'postpone');
    await expect(screening.getByTestId('imm-screen-return-date')).toHaveValue(addDays(today, 7).split('-').reverse().join('/'));
    await snap(deskA, 'imm-03-screening-fever');
    await screening.getByTestId('imm-screen-save').click();
    await expect(screening.getByTestId('imm-screen-temperature')).toBeHidden();
    await expect(a.queueRow('Lê Minh Khang').getByTestId('imm-queue-outcome')).toHaveAttribute('data-outcome', 'postpone');
    await expect(a.queueRow('Lê Minh Khang')).toContainText('38,5 °C');

    for (const name of ['Nguyễn Bảo An', 'Phạm Gia Huy']) {
      screening = await a.openScreening(name);
      await screening.getByTestId('imm-screen-all-no').click();
      await screening.getByTestId('imm-screen-temperature').fill('36,8');
      await expect(screening.getByTestId('imm-screen-derived')).toHaveAttribute('data-outcome', 'vaccinate');
      await screening.getByTestId('imm-screen-save').click();
      await expect(deskA.getByTestId('imm-screening-done')).toBeVisible();
      await deskA.getByTestId('imm-screening-done').getByRole('button', { name: 'Đóng' }).click();
    }

    // ── Vaccination (desk B): the screened children appear on B without reloading.
    await expect(b.queueRow('Nguyễn Bảo An')).toBeVisible();
    await expect(b.queueRow('Phạm Gia Huy')).toBeVisible();
    let modal = await b.openVaccination('Nguyễn Bảo An');
    const dpt = b.doseLine(modal, 'dpt');
    await expect(b.doseLine(modal, 'bopv').getByTestId('imm-dose-lot')).toHaveValue(/OPV-2611/);
    await expect(b.doseLine(modal, 'rota').getByTestId('imm-dose-lot')).toHaveValue(/RT-2609/);
    // An expired lot typed from a vial is refused before anything is sent.
    await dpt.getByTestId('imm-dose-type-lot').click();
    await dpt.getByTestId('imm-typed-lot').fill('DPT-CU');
    await dpt.getByTestId('imm-typed-expiry').fill('31/01/2025');
    await dpt.getByTestId('imm-typed-expiry').press('Enter');
    await dpt.getByTestId('imm-typed-use').click();
    await expect(dpt.getByTestId('imm-dose-lot-error')).toContainText('Lô DPT-CU đã hết hạn dùng ngày 31/01/2025: không được tiêm.');
    // The vial's DataMatrix picks the lot from stock.
    await dpt.getByTestId('imm-dose-scan').click();
    await expect(deskB.getByTestId('imm-lot-scan-result')).toContainText(DPT_LOT);
    await deskB.getByTestId('imm-lot-scan-use').click();
    await expect(dpt.getByTestId('imm-dose-lot')).toHaveValue(new RegExp(DPT_LOT));
    await expect(dpt.getByTestId('imm-dose-lot-error')).toBeHidden();
    await snap(deskB, 'imm-04-vaccinate');
    await modal.getByTestId('imm-vaccinate-save').click();
    await expect(modal.getByTestId('imm-vaccinate-save')).toBeHidden();

    modal = await b.openVaccination('Phạm Gia Huy');
    await expect(b.doseLine(modal, 'dpt').getByTestId('imm-dose-lot')).toHaveValue(new RegExp(DPT_LOT));
    await modal.getByTestId('imm-vaccinate-save').click();
    await expect(modal.getByTestId('imm-vaccinate-save')).toBeHidden();

    // The backend refuses the same dose twice and an expired lot, whatever the screen does.
    const board = await ok(url, 'imm.sessionBoard', { sessionId }, token);
    const anEntry = board.entries.find((e: { person: { id: string } }) => e.person.id === anId);
    const dptLot = (await ok(url, 'imm.lots', { vaccineCode: 'DPT-VGB-Hib' }, token)).lots[0];
    const twice = await apiCall(url, 'imm.vaccinate', { attendanceId: anEntry.attendanceId, doses: [{ seriesKey: 'dpt', lotId: dptLot.id }] }, token);
    expect(twice.body.error?.code).toBe('IMM_DOSE_DUPLICATE');
    const expired = await apiCall(url, 'imm.recordDose', { personId: haId, vaccineCode: 'DPT-VGB-Hib', givenOn: today, lotNumber: 'OLD1', expiry: '2025-01-31' }, token);
    expect(expired.body.error?.code).toBe('IMM_LOT_EXPIRED');

    // ── Observation board: both children counting down, on both workstations.
    for (const desk of [a, b]) {
      await expect(desk.obsCard('Nguyễn Bảo An')).toHaveAttribute('data-may-leave', 'false');
      // Counting down from 30 minutes (a loaded CI machine can take over a minute from the vaccination to here).
      await expect(desk.obsCard('Nguyễn Bảo An').getByTestId('imm-obs-countdown')).toHaveText(/^(2[0-9]|30):\d\d$/);
      await expect(desk.obsCard('Phạm Gia Huy')).toBeVisible();
    }
    await snap(deskA, 'imm-05-observation-deskA');
    // Leaving early needs a written reason.
    await b.obsCard('Nguyễn Bảo An').getByTestId('imm-obs-leave').click();
    await expect(deskB.getByTestId('imm-obs-early')).toContainText('Chưa đủ 30 phút');
    await deskB.getByTestId('imm-obs-early').getByRole('button', { name: 'Hủy' }).click();

    // ── A serious adverse event (desk B): red alert on every workstation, report to print.
    await b.obsCard('Phạm Gia Huy').getByTestId('imm-obs-aefi').click();
    const aefi = deskB.getByTestId('imm-aefi');
    await aefi.getByTestId('imm-aefi-sign-anaphylaxis-like').click();
    await aefi.getByTestId('imm-aefi-sign-local-redness').click();
    await expect(aefi.getByTestId('imm-aefi-serious-hint')).toBeVisible();
    await aefi.getByTestId('imm-aefi-grade').click();
    await deskB.getByRole('option', { name: 'Phản vệ độ II', exact: true }).click();
    await aefi.getByTestId('imm-aefi-action-adrenaline').click();
    await aefi.getByTestId('imm-aefi-actions-text').fill('Adrenalin 1 mg/ml tiêm bắp 0,1 ml lúc phát hiện; nằm đầu thấp, theo dõi mạch, huyết áp');
    await snap(deskB, 'imm-06-aefi-form');
    const onset = await aefi.getByTestId('imm-aefi-onset').inputValue();
    await aefi.getByTestId('imm-aefi-save').click();
    await expect(aefi.getByTestId('imm-aefi-saved')).toHaveAttribute('data-severity', 'serious');
    await expect(aefi.getByTestId('imm-aefi-saved')).toContainText('gửi ngay lên tuyến trên');
    const report = pdfText(await b.pdf('imm-aefi-report', 'imm-aefi-report'));
    for (const text of ['PHẠM GIA HUY', 'TAI BIẾN NẶNG', 'Phản ứng dạng phản vệ', 'Tiêm adrenalin', DPT_LOT]) expect(report).toContain(text);
    // The onset as the nurse entered it, in Viet Nam time (docs/immunization-ui-requests.md, request 1).
    expect.soft(report).toContain(`Thời điểm khởi phát: ${today.split('-').reverse().join('/')} ${onset}`);
    await aefi.getByRole('button', { name: 'Đóng' }).click();
    for (const page of [deskA, deskB]) await expect(page.getByTestId('imm-serious-alert')).toContainText('Phạm Gia Huy');
    await snap(deskA, 'imm-07-serious-alert-deskA');

    // ── 31 minutes later (station clock): the cards turn green on both workstations; Bảo An leaves.
    await setStationClock(station, new Date(Date.now() + 31 * 60_000).toISOString());
    for (const desk of [a, b]) await expect(desk.obsCard('Nguyễn Bảo An')).toHaveAttribute('data-may-leave', 'true', { timeout: 20_000 });
    await expect(a.obsCard('Nguyễn Bảo An').getByTestId('imm-obs-ready')).toContainText('Có thể ra về');
    await snap(deskB, 'imm-08-observation-green');
    await a.obsCard('Nguyễn Bảo An').getByTestId('imm-obs-leave').click();
    await expect(a.obsCard('Nguyễn Bảo An')).toBeHidden();
    await expect(b.obsCard('Nguyễn Bảo An')).toBeHidden();
    await a.desk('done');
    await expect(a.queueRow('Nguyễn Bảo An')).toHaveAttribute('data-state', 'left');

    // ── Stock decreased by what was given (two DPT, two bOPV, two Rota).
    expect(await lotDoses(url, token, DPT_LOT)).toBe(18);
    await deskB.goto(`${url}/#/tiem-chung/kho-vac-xin`);
    await expect(deskB.locator('[data-testid="imm-stock-lot"][data-lot="OPV-2611"]').getByTestId('imm-stock-lot-doses')).toHaveText('38');
    await expect(deskB.locator('[data-testid="imm-stock-lot"][data-lot="RT-2609"]').getByTestId('imm-stock-lot-doses')).toHaveText('8');
    await expect(deskB.locator(`[data-testid="imm-stock-lot"][data-lot="${DPT_LOT}"]`).getByTestId('imm-stock-lot-doses')).toHaveText('18');
    // A count after a broken vial: the adjustment needs a reason and goes into the lot's ledger.
    await deskB.locator(`[data-testid="imm-stock-lot"][data-lot="${DPT_LOT}"]`).getByTestId('imm-stock-lot-menu').click();
    await deskB.getByTestId('imm-stock-adjust').click();
    const adjust = deskB.getByTestId('imm-adjust-modal');
    await adjust.getByTestId('imm-adjust-counted').fill('17');
    await adjust.getByTestId('imm-adjust-save').click();
    await expect(adjust).toContainText('Ghi lý do điều chỉnh');
    await adjust.getByTestId('imm-adjust-reason').fill('Vỡ 1 lọ khi kiểm kê cuối buổi');
    await adjust.getByTestId('imm-adjust-save').click();
    await expect(deskB.locator(`[data-testid="imm-stock-lot"][data-lot="${DPT_LOT}"]`).getByTestId('imm-stock-lot-doses')).toHaveText('17');
    await deskB.locator(`[data-testid="imm-stock-lot"][data-lot="${DPT_LOT}"]`).getByTestId('imm-stock-lot-menu').click();
    await deskB.getByTestId('imm-stock-ledger').click();
    const ledger = deskB.getByTestId('imm-ledger');
    await expect(ledger.locator('[data-testid="imm-movement"][data-kind="administered"]')).toHaveCount(2);
    await expect(ledger.locator('[data-testid="imm-movement"][data-kind="adjusted"]')).toContainText('Vỡ 1 lọ khi kiểm kê cuối buổi');
    await snap(deskB, 'imm-09a-ledger');
    await deskB.keyboard.press('Escape');
    await expect(ledger.getByTestId('imm-movements')).toBeHidden();

    // ── End of session (desk A): summary, absentee, opened bOPV vial → 18 doses wasted in the ledger.
    await a.view('summary');
    await expect(deskA.getByTestId('imm-sum-vaccinated')).toContainText('2');
    await expect(deskA.getByTestId('imm-sum-postponed')).toContainText('1');
    await expect(deskA.getByTestId('imm-sum-postponed-list')).toContainText('Lê Minh Khang');
    await expect(deskA.getByTestId('imm-sum-absentees')).toContainText('Nguyễn Thu Hà');
    await expect(deskA.getByTestId('imm-sum-by-vaccine').locator('[data-vaccine="DPT-VGB-Hib"]')).toContainText('2');
    const opv = deskA.locator('[data-testid="imm-sum-vial"][data-lot="OPV-2611"]');
    await opv.getByTestId('imm-sum-opened').fill('1');
    await expect(opv.getByTestId('imm-sum-wasted')).toHaveText('18');
    await deskA.getByTestId('imm-sum-wastage-save').click();
    await expect.poll(() => lotDoses(url, token, 'OPV-2611')).toBe(20);
    await snap(deskA, 'imm-09-summary');
    const [niis] = await Promise.all([deskA.waitForEvent('download'), deskA.getByTestId('imm-niis-csv').click()]);
    const csv = fs.readFileSync((await niis.path())!, 'utf8');
    expect(csv.split('\n').filter((l) => l.includes('Nguyễn Bảo An'))).toHaveLength(3);
    expect(csv).toContain(DPT_LOT);
    expect(csv).toContain(CCCD_HUY);
    await deskA.getByTestId('imm-session-close').click();
    await expect(deskA.getByTestId('imm-session-status')).toHaveAttribute('data-status', 'closed');

    // ── Coverage of the month reflects the session.
    await deskA.goto(`${url}/#/tiem-chung/bao-cao`);
    const dptRow = deskA.locator('[data-testid="imm-rep-dose-row"][data-vaccine="DPT-VGB-Hib"]');
    await expect(dptRow.getByTestId('imm-rep-dose-total')).toHaveText('2');
    await expect(deskA.getByTestId('imm-rep-chart')).toBeVisible();
    await snap(deskA, 'imm-10-coverage');

    // ── The A2.1 register shows the children with their dose dates, and exports the same to Excel.
    await deskA.getByTestId('imm-rep-view').getByText('Sổ tiêm chủng trẻ em (A2.1)').click();
    const anRow = deskA.locator('[data-testid="imm-a21-row"][data-person="Nguyễn Bảo An"]');
    await expect(anRow).toContainText(`${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(2, 4)}`);
    await expect(deskA.locator('[data-testid="imm-a21-row"][data-person="Phạm Gia Huy"]')).toBeVisible();
    await snap(deskA, 'imm-11-register-a21');
    const [xlsx] = await Promise.all([deskA.waitForEvent('download'), deskA.getByTestId('imm-rep-register-xlsx').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    const cells = book.worksheets.flatMap((ws) => ws.getSheetValues().flat().map((v) => String(v ?? '')));
    expect(cells.some((c) => c.includes('Nguyễn Bảo An'))).toBe(true);
  } finally {
    await browserB.close();
  }
});

test('the immunization card: doses given elsewhere, an early dose flagged invalid, a duplicate refused, pregnancy and tetanus', async ({ page, station }) => {
  const url = station.url;
  const token = station.adminToken;
  const [anId] = await family(url, token, 'Thôn Phú Hà', 'Nguyễn', [{ name: 'Nguyễn Bảo An', sex: 'M' }]);
  // The family() helper records both birth doses; void the BCG so the card shows it overdue, then record it again on screen.
  const card0 = await ok(url, 'imm.personCard', { personId: anId }, token);
  const bcg = card0.cards[0].series.find((x: { key: string }) => x.key === 'bcg').doses[0];
  await ok(url, 'imm.voidDose', { id: bcg.id, reason: 'Nhập nhầm ngày tiêm' }, token);
  await signIn(page, url, ADMIN);
  await page.goto(`${url}/#/nguoi/${anId}?tab=immunization`);
  const tab = page.getByTestId('imm-person-tab');
  const series = (key: string) => tab.locator(`[data-testid="imm-series"][data-series="${key}"]`);
  await expect(series('hepb-birth')).toHaveAttribute('data-state', 'complete');
  await expect(series('hepb-birth').getByTestId('imm-dose-elsewhere')).toContainText('Bệnh viện Đa khoa huyện Bảo Thắng');
  await expect(series('bcg')).toHaveAttribute('data-state', 'overdue');
  await expect(series('dpt')).toHaveAttribute('data-state', 'due');
  await expect(tab.getByTestId('imm-voided')).toContainText('Nhập nhầm ngày tiêm');

  const record = async (seriesName: string, date: string, place: string) => {
    await tab.getByTestId('imm-record-elsewhere').click();
    const modal = page.getByTestId('imm-record-modal');
    await modal.getByTestId('imm-record-series').click();
    await page.getByRole('option', { name: seriesName }).click();
    await modal.getByTestId('imm-record-date').fill(date.split('-').reverse().join('/'));
    await modal.getByTestId('imm-record-date').press('Enter');
    await modal.getByTestId('imm-record-place').fill(place);
    await modal.getByTestId('imm-record-save').click();
    return modal;
  };
  // BCG given at the provincial hospital: the series is complete.
  let modal = await record('Lao (BCG)', addDays(twoMonthsOld, 3), 'Bệnh viện Sản Nhi Lào Cai');
  await expect(modal.getByTestId('imm-record-save')).toBeHidden();
  await expect(series('bcg')).toHaveAttribute('data-state', 'complete');
  // The same dose again is refused, nothing recorded.
  modal = await record('Lao (BCG)', addDays(twoMonthsOld, 3), 'Bệnh viện Sản Nhi Lào Cai');
  await expect(modal.getByTestId('imm-record-error')).toContainText('Mũi tiêm này đã được ghi nhận');
  await modal.getByRole('button', { name: 'Hủy' }).click();
  await expect(series('bcg').getByTestId('imm-dose')).toHaveCount(1);
  // A date before birth is refused on the field.
  modal = await record('Bạch hầu – Ho gà', addDays(twoMonthsOld, -3), 'Phòng khám tư nhân Hồng Phúc');
  await expect(modal.getByTestId('imm-record-date-error')).toContainText('trước ngày sinh');
  await modal.getByRole('button', { name: 'Hủy' }).click();
  // DPT-VGB-Hib at five weeks old (private clinic): recorded, flagged red with the reason, not counted.
  modal = await record('Bạch hầu – Ho gà', addDays(twoMonthsOld, 35), 'Phòng khám tư nhân Hồng Phúc');
  await expect(page.getByText('KHÔNG được tính')).toBeVisible();
  const early = series('dpt').getByTestId('imm-dose');
  await expect(early).toHaveAttribute('data-valid', 'false');
  await expect(early.getByTestId('imm-dose-invalid-reason')).toContainText('chưa đủ tuổi');
  await expect(series('dpt')).toHaveAttribute('data-state', 'due');
  await snap(page, 'imm-14-person-card');

  // The mother: a pregnancy with its expected delivery date puts her on the tetanus (UV) schedule.
  const mother = (await ok(url, 'persons.search', { q: 'Trần Thị Mai Nguyễn', limit: 5, includeInactive: false }, token)).hits[0];
  await page.goto(`${url}/#/nguoi/${mother.id}?tab=immunization`);
  await tab.getByTestId('imm-preg-add').click();
  const preg = page.getByTestId('imm-preg-modal');
  const edd = addMonths(today, 4);
  await preg.getByTestId('imm-preg-edd').fill(edd.split('-').reverse().join('/'));
  await preg.getByTestId('imm-preg-edd').press('Enter');
  await preg.getByTestId('imm-preg-save').click();
  await expect(tab.getByTestId('imm-preg-row')).toContainText(`Dự sinh ${edd.split('-').reverse().join('/')}`);
  const uv = tab.locator('[data-testid="imm-card"][data-family="tetanus-women"]');
  await expect(uv.locator('[data-testid="imm-series"][data-series="uv"]')).toHaveAttribute('data-state', /due|overdue/);
  await snap(page, 'imm-15-mother-uv');
  // Registers: the child is due, the pregnant mother listed with her delivery date and UV doses.
  await page.goto(`${url}/#/tiem-chung/so-tiem-chung`);
  await expect(page.getByTestId('imm-reg-children').getByTestId('imm-reg-row').filter({ hasText: 'Nguyễn Bảo An' })).toContainText('DPT-VGB-Hib 1');
  await page.getByTestId('imm-reg-kind').getByText('Phụ nữ (uốn ván)').click();
  await page.getByTestId('imm-reg-pregnant-only').click();
  await expect(page.getByTestId('imm-reg-women').getByTestId('imm-reg-row')).toHaveCount(1);
  await expect(page.getByTestId('imm-reg-women')).toContainText('Trần Thị Mai Nguyễn');
  await snap(page, 'imm-16-registers');

  // She gives birth today: ending the pregnancy adds the newborn to her household in the same step; the baby is
  // on the children's register with the hepatitis B birth dose due.
  await page.goto(`${url}/#/nguoi/${mother.id}?tab=immunization`);
  await tab.getByTestId('imm-preg-row').getByRole('button', { name: 'Kết thúc thai kỳ' }).click();
  const endPreg = page.getByTestId('imm-preg-end-modal');
  await endPreg.getByTestId('imm-preg-baby-name').fill('Nguyễn Minh Khôi');
  await endPreg.getByTestId('imm-preg-end-save').click();
  await expect(page.getByText('Đã thêm trẻ sơ sinh Nguyễn Minh Khôi vào hộ')).toBeVisible();
  await page.goto(`${url}/#/tiem-chung/so-tiem-chung`);
  await expect(page.getByTestId('imm-reg-children').getByTestId('imm-reg-row').filter({ hasText: 'Nguyễn Minh Khôi' })).toContainText('VGB sơ sinh');
});
