import { expect, type Page } from '@playwright/test';

export class SetupWizardPage {
  constructor(private readonly page: Page) {}

  async waitUntilShown() {
    await expect(this.page.getByRole('heading', { name: 'Thiết lập trạm lần đầu' })).toBeVisible();
  }

  async fillFacility(name: string, code: string, governingBody: string) {
    await expect(this.page.getByLabel('Tên cơ sở')).toBeFocused();
    await this.page.getByLabel('Tên cơ sở').fill(name);
    await this.page.getByLabel('Mã cơ sở KCB (5 ký tự)').fill(code);
    await this.page.getByLabel('Cơ quan chủ quản (in trên giấy tờ)').fill(governingBody);
    await this.page.keyboard.press('Enter');
  }

  /** Picks province and commune by typing into the searchable selects (keyboard only). */
  async chooseLocation(province: string, commune: string) {
    const provinceInput = this.page.getByRole('combobox', { name: 'Tỉnh, thành phố' });
    await expect(provinceInput).toBeFocused();
    await provinceInput.fill(province);
    await this.page.getByRole('option', { name: province, exact: true }).click();
    const communeInput = this.page.getByRole('combobox', { name: 'Xã, phường, đặc khu' });
    await communeInput.click();
    await communeInput.fill(commune);
    await this.page.getByRole('option', { name: new RegExp(`^${commune} \\(`) }).click();
    await this.page.getByRole('button', { name: 'Tiếp theo' }).click();
  }

  async fillHamlets(names: string[]) {
    const area = this.page.getByLabel('Danh sách thôn, bản, ấp, tổ dân phố');
    await expect(area).toBeFocused();
    await area.fill(names.join('\n'));
    await this.page.getByRole('button', { name: 'Tiếp theo' }).click();
  }

  async fillAdmin(fullName: string, username: string, password: string, confirm = password) {
    await expect(this.page.getByLabel('Họ và tên')).toBeFocused();
    await this.page.getByLabel('Họ và tên').fill(fullName);
    await this.page.getByLabel('Tên đăng nhập').fill(username);
    await this.page.getByLabel(/^Mật khẩu/).fill(password);
    await this.page.getByLabel('Nhập lại mật khẩu').fill(confirm);
  }

  async finish() {
    await this.page.getByRole('button', { name: 'Hoàn tất' }).click();
  }
}
