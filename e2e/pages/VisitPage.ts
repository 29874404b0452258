import { expect, type Page } from '@playwright/test';

/** One visit: vital signs, ICD-10 diagnoses, prescription, "Lưu" and "Lưu và kết thúc". */
export class VisitPage {
  constructor(private readonly page: Page) {}

  vital(key: string) {
    return this.page.getByTestId(`vital-${key}`);
  }

  async fillVitals(values: Record<string, string>) {
    for (const [key, value] of Object.entries(values)) await this.vital(key).fill(value);
  }

  async expectFocusInFirstField() {
    await expect(this.vital('pulse')).toBeFocused();
  }

  /** The message shown under a field (Mantine links it through aria-describedby). */
  async expectFieldError(key: string, message: string) {
    await expect(this.vital(key)).toHaveAttribute('aria-invalid', 'true');
    await expect(this.page.getByText(message, { exact: true })).toBeVisible();
  }

  async save() {
    await this.page.getByTestId('visit-save').click();
  }

  async setMainDiagnosis(typed: string, code: string) {
    const input = this.page.getByTestId('diagnosis-main');
    await input.fill(typed);
    await this.page.getByRole('option', { name: new RegExp(`^${code.replace('.', '\\.')}\\b`) }).click();
    await expect(input).toHaveValue(new RegExp(`^${code.replace('.', '\\.')} `));
  }

  async addMedicine(typed: string, option: string, line: { dose: string; quantity: string; days: string; instructions?: string }) {
    const input = this.page.getByTestId('rx-add');
    await input.fill(typed);
    await this.page.getByRole('option').filter({ hasText: option }).first().click();
    const n = (await this.page.getByTestId('rx-line').count()) - 1;
    await expect(this.page.getByTestId(`rx-dose-${n}`)).toBeFocused();
    await this.page.getByTestId(`rx-dose-${n}`).fill(line.dose);
    await this.page.getByTestId(`rx-quantity-${n}`).fill(line.quantity);
    await this.page.getByTestId(`rx-days-${n}`).fill(line.days);
    if (line.instructions) await this.page.getByTestId(`rx-instructions-${n}`).fill(line.instructions);
  }

  async fillText(key: 'symptoms' | 'history' | 'findings' | 'treatment' | 'advice', value: string) {
    await this.page.getByTestId(`visit-${key}`).fill(value);
  }

  bmi() {
    return this.page.getByTestId('vital-bmi');
  }

  async saveAndFinish() {
    await this.page.getByTestId('visit-finish').click();
    await expect(this.page.getByTestId('queue-table')).toBeVisible();
  }
}
