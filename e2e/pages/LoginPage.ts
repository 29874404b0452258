import { expect, type Page } from '@playwright/test';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async waitUntilShown() {
    await expect(this.page.getByRole('heading', { name: /Đăng nhập|Sign in/ })).toBeVisible();
  }

  async signIn(username: string, password: string) {
    await this.page.getByLabel(/Tên đăng nhập|Username/).fill(username);
    await this.page.getByLabel(/Mật khẩu|Password/).fill(password);
    await this.page.keyboard.press('Enter');
  }

  error() {
    return this.page.getByTestId('login-error');
  }
}
