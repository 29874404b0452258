import { expect, type Page } from '@playwright/test';

export class AppFramePage {
  constructor(private readonly page: Page) {}

  async waitUntilSignedIn(fullName: string) {
    await expect(this.page.getByTestId('home-title')).toContainText(fullName);
  }

  nav() {
    return this.page.getByRole('navigation', { name: 'Menu' });
  }

  async open(label: string) {
    await this.nav().getByRole('link', { name: label, exact: true }).click();
  }

  async openUserMenu() {
    await this.page.getByTestId('user-menu').click();
  }

  async lock() {
    await this.openUserMenu();
    await this.page.getByTestId('menu-lock').click();
  }

  async logout() {
    await this.openUserMenu();
    await this.page.getByTestId('menu-logout').click();
  }
}
