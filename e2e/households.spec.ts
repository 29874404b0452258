import { expect, snap, test } from './fixtures.js';
import { GlobalSearchPage } from './pages/GlobalSearchPage.js';
import { HouseholdPage } from './pages/HouseholdPage.js';
import { HouseholdsPage } from './pages/HouseholdsPage.js';
import { PersonPage } from './pages/PersonPage.js';
import { createHousehold, registerPerson, signIn } from './persons-api.js';
import { ADMIN, CLERK, apiCall } from './server.js';

/** A date `daysAgo` days before today at the station (Asia/Ho_Chi_Minh), as dd/mm/yyyy. */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  const [y, m, dd] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d).split('-');
  return `${dd}/${m}/${y}`;
}

test('a data clerk registers a household of four: head, spouse, a child, and a newborn added from the mother in one action', async ({ page, station }) => {
  await signIn(page, station.url, CLERK);
  const list = new HouseholdsPage(page);
  await list.open();
  await list.startNewHousehold('Thôn Phú Hà', 'Số 12, xóm Đồi Chè');
  await list.form.fill({ fullName: 'Nguyễn Văn Đức', sex: 'Nam', birthDate: '15/03/1980', cccd: '010080004512', occupation: 'Làm ruộng', phone: '0912 345 678' });
  await expect(page.getByText('Khai sinh tại Lào Cai, năm sinh 1980, Nam')).toBeVisible();
  await snap(page, '30-registration-form-filled');
  await list.form.submitWithEnter();

  const household = new HouseholdPage(page);
  await expect(household.title()).toContainText('Nguyễn Văn Đức');
  await household.startAddMember('Vợ/chồng');
  await household.form.fill({ fullName: 'Trần Thị Hương', sex: 'Nữ', birthDate: '20/07/1984', cccd: '010184006789', phone: '0987 654 321' });
  await household.form.submitWithEnter();
  await household.form.expectClosed();
  await household.startAddMember('Con');
  await household.form.fill({ fullName: 'Nguyễn Minh Khang', sex: 'Nam', birthDate: '09/05/2015', motherName: 'Trần Thị Hương', fatherName: 'Nguyễn Văn Đức' });
  await household.form.submitWithEnter();
  await household.form.expectClosed();

  await household.addNewborn('Trần Thị Hương', { fullName: 'Nguyễn Thị Bảo Ngọc', sex: 'Nữ', birthDate: daysAgo(3) });
  await expect(household.members()).toHaveCount(4);
  const baby = household.member('Nguyễn Thị Bảo Ngọc');
  await expect(baby).toContainText('Con');
  await expect(baby).toContainText('3 ngày');
  await expect(household.member('Nguyễn Văn Đức')).toContainText('Chủ hộ');
  await expect(household.member('Trần Thị Hương')).toContainText('Vợ/chồng');
  await expect(household.member('Nguyễn Minh Khang')).toContainText(/\d+ tuổi/);
  await expect(household.history()).toContainText('Nguyễn Thị Bảo Ngọc');
  await snap(page, '31-household-page');

  // The list finds the household by its head's name, unaccented.
  await list.open();
  await page.getByTestId('household-search').fill('nguyen van duc');
  await expect(list.rows()).toHaveCount(1);
  await expect(list.rows().first()).toContainText('4');
  await list.rows().first().click();

  // The newborn took the mother's household details and is a person of her own.
  await baby.getByRole('link', { name: 'Nguyễn Thị Bảo Ngọc' }).click();
  await expect(new PersonPage(page).name()).toHaveText('Nguyễn Thị Bảo Ngọc');
});

test('a person is found by an unaccented name from the header search (Ctrl+K), with arrows and Enter', async ({ page, station }) => {
  const { householdId } = await createHousehold(station.url, station.adminToken, 'Thôn Đông Cuông', 'Xóm 3', {
    fullName: 'Nguyễn Văn Đức', sex: 'M', birthDate: '1952', cccd: '010052001234',
  });
  await registerPerson(station.url, station.adminToken, householdId, 'spouse', { fullName: 'Đỗ Thị Lan', sex: 'F', birthDate: '1956-02-11' });
  await signIn(page, station.url, CLERK);
  const search = new GlobalSearchPage(page);
  await search.search('nguyen van duc');
  await expect(search.hits().first()).toContainText('Nguyễn Văn Đức');
  await expect(search.hits().first()).toContainText('~');
  await expect(search.hits().first()).toContainText('Thôn Đông Cuông');
  await snap(page, '32-search-results');
  await page.keyboard.press('Enter');
  await expect(new PersonPage(page).name()).toHaveText('Nguyễn Văn Đức');

  // "/" also focuses the search when not typing in a field; the wife is found by "do thi lan".
  await page.getByTestId('person-name').click();
  await page.keyboard.press('/');
  await expect(search.input()).toBeFocused();
  await page.keyboard.type('do thi lan');
  await expect(search.hits().first()).toContainText('Đỗ Thị Lan');
  await expect(search.hits().first()).toContainText('Chủ hộ: Nguyễn Văn Đức');
  await page.keyboard.press('Enter');
  await expect(new PersonPage(page).name()).toHaveText('Đỗ Thị Lan');
});

test('registering a person with a CCCD already registered is refused, with a link to the existing record', async ({ page, station }) => {
  const { householdId, headId } = await createHousehold(station.url, station.adminToken, 'Bản Mường Bát', 'Bản Mường Bát, nhà 7', {
    fullName: 'Lò Văn Thắng', sex: 'M', birthDate: '1978-10-02', cccd: '010078009876', ethnicityCode: '03',
  });
  // The backend refuses it too, naming the existing record.
  const refused = await apiCall(station.url, 'persons.register', {
    householdId, relationToHead: 'sibling', person: { fullName: 'Lò Văn Thắm', sex: 'M', birthDate: '1978', cccd: '010078009876' },
  }, station.adminToken);
  expect(refused.body.error.code).toBe('PERSON_CCCD_DUPLICATE');
  expect(refused.body.error.details.existingId).toBe(headId);

  await signIn(page, station.url, CLERK);
  await page.goto(`${station.url}/#/ho-gia-dinh/${householdId}`);
  const household = new HouseholdPage(page);
  await household.startAddMember('Anh/chị/em');
  await household.form.fill({ fullName: 'Lò Văn Thắm', sex: 'Nam', birthDate: '1978', cccd: '010078009876' });
  await household.form.submitWithEnter();
  const error = page.getByTestId('dup-cccd-owner');
  await expect(error).toContainText('Số CCCD 010078009876 đã được đăng ký cho Lò Văn Thắng');
  await snap(page, '33-cccd-already-registered');
  await error.getByTestId('dup-open-existing').click();
  await expect(new PersonPage(page).name()).toHaveText('Lò Văn Thắng');
  await expect(page).toHaveURL(new RegExp(`/nguoi/${headId}$`));
});

test('a possible duplicate (same name, year of birth, hamlet) is shown, then saved after "this is a different person"', async ({ page, station }) => {
  await createHousehold(station.url, station.adminToken, 'Thôn Phú Hà', 'Xóm Bãi', { fullName: 'Lê Thị Mai', sex: 'F', birthDate: '1990-04-02', motherName: 'Phạm Thị Hoa' });
  await signIn(page, station.url, CLERK);
  const list = new HouseholdsPage(page);
  await list.open();
  await list.startNewHousehold('Thôn Phú Hà', 'Xóm Trại, nhà 4');
  await list.form.fill({ fullName: 'Lê Thị Mai', sex: 'Nữ', birthDate: '1990' });
  await list.form.submitWithEnter();
  const warning = page.getByTestId('dup-candidates');
  await expect(warning).toContainText('Lê Thị Mai');
  await expect(warning).toContainText('Thôn Phú Hà');
  await snap(page, '34-possible-duplicate');
  await warning.getByTestId('dup-confirm').click();
  await expect(new HouseholdPage(page).title()).toContainText('Lê Thị Mai');
  const found = await apiCall(station.url, 'persons.search', { q: 'le thi mai' }, station.adminToken);
  expect(found.body.value.hits).toHaveLength(2);
});

test('a physician or administrator merges two records; the merged id then shows the survivor', async ({ page, station }) => {
  const a = await createHousehold(station.url, station.adminToken, 'Thôn Phú Hà', 'Xóm Đình', { fullName: 'Phạm Văn Hùng', sex: 'M', birthDate: '1975-06-30', phone: '0912000111' });
  const b = await createHousehold(station.url, station.adminToken, 'Tổ dân phố 1', 'Số 5 đường Hoàng Liên', { fullName: 'Phạm Văn Hùng', sex: 'M', birthDate: '1975' });
  await signIn(page, station.url, ADMIN);
  await page.goto(`${station.url}/#/nguoi/${a.headId}`);
  const person = new PersonPage(page);
  await expect(person.name()).toHaveText('Phạm Văn Hùng');
  await person.merge('pham van hung', 'Tổ dân phố 1', 'Cùng một người, đăng ký hai lần ở hai thôn');
  await expect(page.getByTestId('merge-side-other')).toContainText('1975');
  await snap(page, '35-merge-side-by-side');
  await page.getByTestId('merge-submit').click();
  await expect(page.getByTestId('merge-modal').getByRole('dialog')).toHaveCount(0);

  await page.goto(`${station.url}/#/nguoi/${b.headId}`);
  await expect(page.getByTestId('merged-notice')).toBeVisible();
  await expect(person.name()).toHaveText('Phạm Văn Hùng');
  await expect(page.getByText('0912000111')).toBeVisible();
  const merges = await apiCall(station.url, 'persons.merges', {}, station.adminToken);
  expect(merges.body.value.merges[0]).toMatchObject({ survivorId: a.headId, mergedId: b.headId });
});

test('a section B item is edited and shows in the health record history (who, what, when)', async ({ page, station }) => {
  const { headId } = await createHousehold(station.url, station.adminToken, 'Thôn Đông Cuông', 'Xóm 1', { fullName: 'Hoàng Thị Thu', sex: 'F', birthDate: '1968-11-12' });
  await signIn(page, station.url, ADMIN);
  await page.goto(`${station.url}/#/nguoi/${headId}`);
  const person = new PersonPage(page);
  const editor = await person.editSection('allergies');
  await expect(editor.getByLabel('Thuốc')).toBeFocused();
  await editor.getByLabel('Thuốc').fill('Penicillin (nổi mẩn)');
  await editor.getByLabel('Thuốc').press('Enter');
  await expect(page.getByTestId('hr-section-allergies')).toContainText('Penicillin (nổi mẩn)');
  await expect(page.getByTestId('allergy-badge')).toBeVisible();
  const row = person.history().getByTestId('hr-history-row').first();
  await expect(row).toContainText('Thuốc: Penicillin (nổi mẩn)');
  await expect(row).toContainText(ADMIN.fullName);

  const risks = await person.editSection('riskFactors');
  await risks.getByRole('combobox', { name: 'Hút thuốc lá' }).click();
  await page.getByRole('option', { name: 'Đã bỏ' }).click();
  await risks.getByTestId('hr-save').click();
  await expect(page.getByTestId('hr-section-riskFactors')).toContainText('Hút thuốc lá: Đã bỏ');
  await expect(person.history().getByTestId('hr-history-row')).toHaveCount(2);
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, '36-person-health-record');
});

test('life events, moving, changing the head and splitting a household', async ({ page, station }) => {
  const { householdId, headId } = await createHousehold(station.url, station.adminToken, 'Thôn Đông Cuông', 'Xóm 5, nhà 21', {
    fullName: 'Vũ Văn Toàn', sex: 'M', birthDate: '1950',
  });
  const son = await registerPerson(station.url, station.adminToken, householdId, 'child', { fullName: 'Vũ Văn Tùng', sex: 'M', birthDate: '1979-01-20' });
  await registerPerson(station.url, station.adminToken, householdId, 'child_in_law', { fullName: 'Đặng Thị Yến', sex: 'F', birthDate: '1982-03-08' });
  await signIn(page, station.url, CLERK);

  // The son moves away, then comes back.
  await page.goto(`${station.url}/#/nguoi/${son}`);
  const person = new PersonPage(page);
  await person.openActions();
  await page.getByRole('menuitem', { name: 'Ghi nhận chuyển đi' }).click();
  // Yesterday: the backend's "today" is the UTC date (reported), so today's local date can be refused before 07:00.
  await page.getByRole('textbox', { name: 'Ngày', exact: true }).fill(daysAgo(1));
  await page.getByLabel('Chuyển đến (nơi mới)').fill('TP. Hồ Chí Minh');
  await page.getByLabel('Chuyển đến (nơi mới)').press('Enter');
  await expect(page.getByText('Đã chuyển đi', { exact: true })).toBeVisible();
  await person.openActions();
  await page.getByRole('menuitem', { name: 'Ghi nhận trở về' }).click();
  await page.getByRole('textbox', { name: 'Ngày', exact: true }).fill(daysAgo(1));
  await page.getByLabel('Trở về từ').fill('TP. Hồ Chí Minh');
  await page.getByTestId('action-submit').click();
  await expect(page.getByText('Đã chuyển đi', { exact: true })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Lịch sử nhân khẩu' }).click();
  await expect(page.getByTestId('person-events')).toContainText('Chuyển đi');
  await expect(page.getByTestId('person-events')).toContainText('Trở về');

  // The son becomes head; then the son and his wife split off into a household of their own.
  await page.goto(`${station.url}/#/ho-gia-dinh/${householdId}`);
  const household = new HouseholdPage(page);
  await page.getByTestId('household-edit').click();
  await page.getByTestId('household-edit-head').click();
  await page.getByRole('option', { name: /^Vũ Văn Tùng/ }).click();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(household.title()).toContainText('Vũ Văn Tùng');
  await page.getByTestId('household-edit').click();
  await page.getByTestId('household-edit-head').click();
  await page.getByRole('option', { name: /^Vũ Văn Toàn/ }).click();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(household.title()).toContainText('Vũ Văn Toàn');

  await page.getByTestId('household-split').click();
  await page.getByRole('checkbox', { name: /^Vũ Văn Tùng/ }).check();
  await page.getByRole('checkbox', { name: /^Đặng Thị Yến/ }).check();
  await page.getByRole('combobox', { name: /^Chủ hộ mới/ }).click();
  await page.getByRole('option', { name: 'Vũ Văn Tùng' }).click();
  await page.getByLabel('Ngày tách hộ').fill(daysAgo(1));
  await page.getByLabel('Địa chỉ hộ mới').fill('Xóm 5, nhà 23');
  await page.getByRole('button', { name: 'Tách hộ' }).last().click();
  await expect(household.title()).toContainText('Vũ Văn Tùng');
  await expect(household.members()).toHaveCount(2);
  await expect(household.history()).toContainText('Tách hộ');
  const old = await apiCall(station.url, 'households.get', { id: householdId }, station.adminToken);
  expect(old.body.value.members.filter((m: { status: string }) => m.status === 'active').map((m: { id: string }) => m.id)).toEqual([headId]);
});
