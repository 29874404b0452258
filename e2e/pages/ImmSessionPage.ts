import { expect, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const PDF_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-output', 'pdf');

/** Tiêm chủng → Buổi tiêm: the sessions, one session's plan, its day (check-in, screening, vaccination, observation) and summary. */
export class ImmSessionPage {
  constructor(readonly page: Page) {}

  async openSessions(baseUrl: string) {
    await this.page.goto(`${baseUrl}/#/tiem-chung`);
    await expect(this.page.getByTestId('imm-tab-sessions')).toBeVisible();
  }

  /** Plans a session for today in the given hamlets; ends on the session's plan. */
  async createSession(place: string, hamlets: string[]) {
    await this.page.getByTestId('imm-session-new').click();
    const form = this.page.getByTestId('imm-session-form');
    await form.getByTestId('imm-session-place').fill(place);
    const select = form.getByTestId('imm-session-hamlets');
    for (const h of hamlets) {
      await select.click();
      await this.page.getByRole('option', { name: h, exact: true }).click();
    }
    await this.page.keyboard.press('Escape');
    await form.getByTestId('imm-session-save').click();
    await expect(this.page.getByTestId('imm-session-header')).toBeVisible();
    return (await this.page.getByTestId('imm-session-header').getAttribute('data-session-id'))!;
  }

  dueGroup(hamlet: string): Locator {
    return this.page.locator(`[data-testid="imm-due-group"][data-hamlet="${hamlet}"]`);
  }

  needRow(vaccineCode: string): Locator {
    return this.page.locator(`[data-testid="imm-need-row"][data-vaccine="${vaccineCode}"]`);
  }

  /** Opens a PDF through its button, saves what the preview offers, returns its bytes. */
  async pdf(buttonTestId: string, name: string): Promise<Buffer> {
    await this.page.getByTestId(buttonTestId).click();
    const iframe = this.page.getByTestId('pdf-preview');
    await expect(iframe).toHaveAttribute('src', /^blob:/);
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('pdf-download').click()]);
    fs.mkdirSync(PDF_DIR, { recursive: true });
    const file = path.join(PDF_DIR, `${name}.pdf`);
    await download.saveAs(file);
    await this.page.getByTestId('pdf-close').click();
    return fs.readFileSync(file);
  }

  async view(view: 'plan' | 'day' | 'summary') {
    const label = { plan: 'Kế hoạch', day: 'Ngày tiêm', summary: 'Tổng kết' }[view];
    await this.page.getByTestId('imm-session-view').getByText(label, { exact: true }).click();
  }

  async openDay(baseUrl: string, sessionId: string) {
    await this.page.goto(`${baseUrl}/#/tiem-chung/buoi-tiem/${sessionId}/ngay-tiem`);
    await expect(this.page.getByTestId('imm-observation')).toBeVisible();
  }

  async desk(name: 'all' | 'screening' | 'vaccination' | 'done') {
    await this.page.getByTestId(`imm-desk-${name}`).click();
  }

  queueRow(person: string): Locator {
    return this.page.locator(`[data-testid="imm-queue-row"][data-person="${person}"]`);
  }

  async searchAndCheckIn(query: string, person: string) {
    const box = this.page.getByTestId('imm-checkin-search');
    await box.fill(query);
    await expect(this.page.getByTestId('imm-checkin-hit').first()).toContainText(person);
    await box.press('Enter');
    await expect(this.queueRow(person)).toBeVisible();
  }

  async admitInvited(person: string) {
    await this.page.locator(`[data-testid="imm-not-arrived"][data-person="${person}"]`).getByTestId('imm-not-arrived-admit').click();
    await expect(this.queueRow(person)).toBeVisible();
  }

  /** Opens screening for a person waiting; returns the modal. */
  async openScreening(person: string): Promise<Locator> {
    await this.queueRow(person).getByTestId('imm-queue-screen').click();
    const modal = this.page.getByTestId('imm-screening');
    await expect(modal.getByTestId('imm-screen-temperature')).toBeVisible();
    return modal;
  }

  async openVaccination(person: string): Promise<Locator> {
    await this.queueRow(person).getByTestId('imm-queue-vaccinate').click();
    const modal = this.page.getByTestId('imm-vaccinate');
    await expect(modal.getByTestId('imm-vaccinate-save')).toBeVisible();
    return modal;
  }

  doseLine(modal: Locator, seriesKey: string): Locator {
    return modal.locator(`[data-testid="imm-dose-line"][data-series="${seriesKey}"]`);
  }

  obsCard(person: string): Locator {
    return this.page.locator(`[data-testid="imm-obs-card"][data-person="${person}"]`);
  }
}
