import { expect, type Locator, type Page } from '@playwright/test';

/** The Đồng bộ screen: hub connection, status, "Đồng bộ ngay", history. */
export class SyncPage {
  readonly status: Locator;
  readonly history: Locator;
  constructor(private readonly page: Page) {
    this.status = page.getByTestId('sync-status');
    this.history = page.getByTestId('sync-history');
  }

  async open() {
    await this.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Đồng bộ', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Đồng bộ', level: 2 })).toBeVisible();
  }

  /** Pastes the hub address and the station's credential and saves the connection. */
  async connect(hubUrl: string, credential: string) {
    await this.page.getByTestId('sync-hub-url').fill(hubUrl);
    await this.page.getByTestId('sync-credential').fill(credential);
    await this.page.getByTestId('sync-save').click();
    await expect(this.page.getByText('Đã lưu kết nối đồng bộ.')).toBeVisible();
    await expect(this.page.getByTestId('sync-now')).toBeVisible();
  }

  /** "Đồng bộ ngay", then waits until the run is over and nothing is left to send. */
  async syncNow() {
    const button = this.page.getByTestId('sync-now');
    await expect(button).toBeEnabled();
    await button.click();
    await expect(this.page.getByText(/^Đồng bộ xong: gửi \d+, nhận \d+\.$/).last()).toBeVisible({ timeout: 20_000 });
    await expect(button).toHaveText('Đồng bộ ngay');
    await expect(this.page.getByTestId('sync-pending')).toHaveText('0');
  }
}
