import { expect, type Locator, type Page } from '@playwright/test';

/** Bệnh mạn tính: the person tab, the overdue and lost lists with calls, the indicators. */
export class NcdPage {
  constructor(private readonly page: Page) {}

  // Person page tab
  async openPersonTab(baseUrl: string, personId: string) {
    await this.page.goto(`${baseUrl}/#/nguoi/${personId}?tab=chronic`);
    await expect(this.page.getByTestId('ncd-tab')).toBeVisible();
  }

  enrollment(program: string): Locator {
    return this.page.locator(`[data-testid="ncd-enrollment"][data-program="${program}"]`);
  }

  async startFollowup(program: string) {
    await this.enrollment(program).getByTestId('ncd-followup').click();
    await expect(this.page.getByTestId('ncd-fu-form')).toBeVisible();
  }

  historyRows(): Locator {
    return this.page.getByTestId('ncd-history-row');
  }

  /** Dots drawn by the chart (recharts) inside the chart card. */
  chartDots(testId: string): Locator {
    return this.page.getByTestId(testId).locator('.recharts-line-dots circle, .recharts-dot');
  }

  // Overdue list
  async openOverdue(baseUrl: string) {
    await this.page.goto(`${baseUrl}/#/benh-man-tinh`);
    await expect(this.page.getByTestId('overdue-total')).toBeVisible();
  }

  total(): Locator {
    return this.page.getByTestId('overdue-total');
  }

  rows(): Locator {
    return this.page.getByTestId('overdue-row');
  }

  async recordCall(row: Locator, outcome: 'agreed' | 'remind_later' | 'unreachable' | 'removed', note?: string) {
    await row.getByTestId('overdue-call').click();
    await expect(this.page.getByTestId('call-form')).toBeVisible();
    await this.page.getByTestId(`call-${outcome}`).check();
    if (note) await this.page.getByTestId('call-note').fill(note);
  }

  async saveCall() {
    await this.page.getByTestId('call-submit').click();
    await expect(this.page.getByTestId('call-form')).toBeHidden();
  }

  // Indicators
  async openIndicators() {
    await this.page.getByTestId('ncd-nav-indicators').click();
    await expect(this.page.getByTestId('ind-registered')).toBeVisible();
  }

  async chooseSelect(testId: string, option: string) {
    await this.page.getByTestId(testId).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  stat(name: string): Locator {
    return this.page.getByTestId(`ind-${name}`);
  }
}
