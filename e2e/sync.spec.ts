import { expect, snap, test } from './fixtures.js';
import { HubFolder, setUpStationAs, type RunningHub } from './hub.js';
import { AppFramePage } from './pages/AppFramePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { SyncPage } from './pages/SyncPage.js';
import { createHousehold } from './persons-api.js';
import { apiCall, startStation, type RunningStation } from './server.js';

/**
 * The district chain end to end over real HTTP: a province hub, a district hub forwarding to it, two stations
 * enrolled at the district through the Đồng bộ screen. A's resident reaches the province; a referral outcome
 * entered at the district reaches A; B never receives A's resident.
 */
const ADMIN = { username: 'quantri', password: 'Tram-y-te-2026', fullName: 'Nguyễn Thị Hồng Nhung' };
const A = { code: '15123', name: 'Trạm Y tế xã Bảo Thắng', communeName: 'Xã Bảo Thắng' };
const B = { code: '15124', name: 'Trạm Y tế xã Phú Nhuận', communeName: 'Xã Phú Nhuận' };

async function ok(url: string, name: string, input: unknown, token: string) {
  const r = await apiCall(url, name, input, token);
  if (!r.body.ok) throw new Error(`${name}: ${JSON.stringify(r.body.error)}`);
  return r.body.value;
}

const folders: HubFolder[] = [];
const running: { stop(): Promise<void> }[] = [];
test.afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
  for (const f of folders.splice(0)) f.remove();
});

test('district chain: enrolment on the Đồng bộ screen, a resident reaches the province, an outcome comes back, the other station sees nothing', async ({ browser }) => {
  test.setTimeout(90_000);
  const province = new HubFolder({ code: '40000', name: 'Sở Y tế Lào Cai', level: 'province' });
  const district = new HubFolder({ code: '40100', name: 'Trung tâm Y tế huyện Bảo Thắng', level: 'district', parent: '40000' });
  folders.push(province, district);

  const t0 = Date.now();
  const lap = (what: string) => console.log(`[sync e2e] ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // The administrators enroll with the CLI (the district at the province, the two stations at the district) while
  // the stations are set up; the province serves as soon as it knows the district.
  const provinceUp = province.enroll(district.identity.code, district.identity.name, 'district').then(async (credential) => {
    const hub = await province.serve();
    running.push(hub);
    return { hub, districtCred: credential };
  });
  const stationsEnrolled = (async () => [await district.enroll(A.code, A.name, 'station'), await district.enroll(B.code, B.name, 'station')] as const)();
  const stationsUp = (async () => {
    const [stationA, stationB] = await Promise.all([startStation(), startStation()]);
    running.push(stationA, stationB);
    const [tokenA, tokenB] = await Promise.all([setUpStationAs(stationA.url, A, ADMIN), setUpStationAs(stationB.url, B, ADMIN)]);
    // Station A: a household head and a referral written for her (through the API, as other tests do).
    const { headId } = await createHousehold(stationA.url, tokenA, 'Thôn Phú Hà', 'Số 7', { fullName: 'Nguyễn Thị Hường', sex: 'F', birthDate: '1968-04-23' });
    const [destination] = (await ok(stationA.url, 'referrals.facilities', {}, tokenA)).facilities;
    const { referral } = await ok(stationA.url, 'referrals.create', { personId: headId, referral: { destinationId: destination.id, reason: '2', clinicalSigns: 'Sốt cao, khó thở' } }, tokenA);
    return { stationA, stationB, tokenA, tokenB, headId, referralId: referral.id as string };
  })();
  const [{ hub: provinceHub, districtCred }, [credA, credB]] = await Promise.all([provinceUp, stationsEnrolled]);
  lap('province up, stations enrolled');
  const districtHub: RunningHub = await district.serve({ url: provinceHub.url, credential: districtCred });
  running.push(districtHub);
  const { stationA, stationB, tokenA, tokenB, headId, referralId } = await stationsUp;
  lap('district up, stations ready');

  // Each station is enrolled in the browser: hub address and credential pasted, then "Đồng bộ ngay".
  const enrollInBrowser = async (station: RunningStation, credential: string, screenshot?: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(station.url);
    await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
    await new AppFramePage(page).waitUntilSignedIn(ADMIN.fullName);
    const sync = new SyncPage(page);
    await sync.open();
    await sync.connect(districtHub.url, credential);
    await sync.syncNow();
    await expect(sync.history).toContainText('Thành công');
    if (screenshot) await snap(page, screenshot);
    return { page, sync, close: () => context.close() };
  };
  const screenA = await enrollInBrowser(stationA, credA, '50-sync');
  const screenB = await enrollInBrowser(stationB, credB);

  lap('both stations synced in the browser');
  const statusA = (await ok(stationA.url, 'sync.status', {}, tokenA)).status;
  expect(statusA).toMatchObject({ configured: true, pending: 0, lastError: null, hubFacility: '40100' });

  // The district forwards A's resident to the province on its own (upstream loop).
  await expect
    .poll(async () => (await provinceHub.admin('GET', `/rows/persons/${headId}`)).json, { timeout: 20_000 })
    .toMatchObject({ owner: A.code, residentOf: A.code, vals: { full_name: 'Nguyễn Thị Hường' } });
  expect((await districtHub.admin('GET', `/rows/referrals/${referralId}`)).json).toMatchObject({ owner: A.code, vals: { status: 'draft' } });

  // The hospital's answer entered at the district: the patient was received, with its diagnosis and outcome.
  const outcome = { status: 'received', received_at: '2026-03-17', receiving_diagnosis: 'J18.9 Viêm phổi', outcome: 'Điều trị 5 ngày, ra viện ổn định' };
  const posted = await districtHub.admin('POST', '/rows', { changes: [{ t: 'referrals', id: referralId, f: outcome }] });
  expect(posted.status).toBe(200);

  await screenA.sync.syncNow();
  await expect
    .poll(async () => (await ok(stationA.url, 'referrals.get', { id: referralId }, tokenA)).referral, { timeout: 15_000 })
    .toMatchObject({ status: 'received', receivedAt: '2026-03-17', receivingDiagnosis: 'J18.9 Viêm phổi', outcome: 'Điều trị 5 ngày, ra viện ổn định' });
  // …and on A's screen: the referral's detail shows the hospital's answer.
  await new AppFramePage(screenA.page).open('Chuyển tuyến');
  await screenA.page.getByTestId('referral-row').filter({ hasText: 'Nguyễn Thị Hường' }).click();
  await expect(screenA.page.getByTestId('referral-detail')).toContainText('J18.9 Viêm phổi · Điều trị 5 ngày, ra viện ổn định');
  // The outcome written at the district travels up to the province as well.
  await expect.poll(async () => (await provinceHub.admin('GET', `/rows/referrals/${referralId}`)).json.vals?.outcome, { timeout: 20_000 }).toBe(outcome.outcome);

  // Station B syncs again after all of this: A's resident and A's referral never reach it.
  await screenB.sync.syncNow();
  const atB = await apiCall(stationB.url, 'persons.get', { id: headId }, tokenB);
  expect(atB.body.ok).toBe(false);
  const searchB = await ok(stationB.url, 'referrals.list', {}, tokenB);
  expect(searchB.referrals).toEqual([]);
  expect((await ok(stationB.url, 'sync.status', {}, tokenB)).status).toMatchObject({ configured: true, pending: 0, lastError: null });
  // A's own record is intact at A, and the person is at the district under A.
  expect((await ok(stationA.url, 'persons.get', { id: headId }, tokenA)).person.fullName).toBe('Nguyễn Thị Hường');

  lap('done');
  await screenA.close();
  await screenB.close();
});
