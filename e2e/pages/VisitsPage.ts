import { expect, type Locator, type Page } from '@playwright/test';

/** Khám bệnh: the day's queue, reception (Tiếp đón) and the visit register. */
export class VisitsPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string) {
    await this.page.goto(`${baseUrl}/#/kham-benh`);
    await expect(this.page.getByTestId('queue-table')).toBeVisible();
  }

  /** Receives a registered person: search (name without accents is fine), pick, reason; returns the queue number. */
  async receive(search: string, fullName: string, reason: string, expectInsured: boolean): Promise<number> {
    await this.page.getByTestId('queue-receive').click();
    const box = this.page.getByTestId('receive-search');
    await expect(box).toBeFocused();
    await box.fill(search);
    await expect(this.page.getByTestId('receive-hit').first()).toContainText(fullName);
    await this.page.keyboard.press('Enter');
    const reasonInput = this.page.getByTestId('receive-reason');
    await expect(reasonInput).toBeFocused();
    await reasonInput.fill(reason);
    const insured = this.page.getByTestId('receive-insured');
    if (expectInsured) await expect(insured).toBeChecked();
    else await expect(insured).not.toBeChecked();
    await this.page.keyboard.press('Enter');
    const number = this.page.getByTestId('received-number');
    await expect(number).toBeVisible();
    const value = Number(await number.textContent());
    await this.page.keyboard.press('Enter');
    await expect(number).toBeHidden();
    return value;
  }

  row(queueNumber: number): Locator {
    return this.page.locator(`[data-testid="queue-row"][data-queue-number="${queueNumber}"]`);
  }

  async examine(queueNumber: number) {
    await this.row(queueNumber).getByTestId('queue-examine').click();
    await expect(this.page.getByTestId('visit-form')).toBeVisible();
  }

  async expectStatus(queueNumber: number, status: string, label: string) {
    await expect(this.row(queueNumber)).toHaveAttribute('data-status', status);
    await expect(this.row(queueNumber).getByTestId('visit-status')).toHaveText(label);
  }

  async openRegister() {
    await this.page.getByRole('link', { name: 'Sổ khám bệnh' }).click();
    await expect(this.page.getByTestId('register-table')).toBeVisible();
  }

  registerRows(): Locator {
    return this.page.getByTestId('register-row');
  }

  /** Clicks "Xuất Excel" and returns the downloaded file's path and name. */
  async exportRegister(): Promise<{ path: string; name: string }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('register-export').click();
    const file = await download;
    return { path: (await file.path())!, name: file.suggestedFilename() };
  }
}
