import { expect, type Locator, type Page } from '@playwright/test';

/** Administrator screen of chronic-disease programs (Cài đặt › Chương trình bệnh mạn tính). */
export class NcdProgramsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Chương trình bệnh mạn tính', exact: true }).click();
    await expect(this.table()).toBeVisible();
  }

  table() {
    return this.page.getByTestId('ncd-programs-table');
  }

  row(code: string): Locator {
    return this.page.getByTestId(`program-${code}`);
  }

  form() {
    return this.page.getByTestId('ncd-program-form');
  }

  async startAdding() {
    await this.page.getByRole('button', { name: 'Thêm chương trình' }).click();
    await expect(this.form()).toBeVisible();
  }

  async fill(label: string, value: string, within: Locator = this.form()) {
    await within.getByRole('textbox', { name: label, exact: true }).fill(value);
  }

  async addTag(label: string, value: string, within: Locator = this.form()) {
    const input = within.getByRole('combobox', { name: label, exact: true });
    await input.fill(value);
    await input.press('Enter');
  }

  async chooseControl(label: string) {
    await this.form().getByRole('combobox', { name: 'Chỉ số kiểm soát' }).click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  async toggleStandardField(label: string) {
    await this.form().getByText(label, { exact: true }).click();
  }

  async addExtraField(): Promise<Locator> {
    const count = await this.form().locator('[data-testid^="extra-field-"]').count();
    await this.form().getByRole('button', { name: 'Thêm trường' }).click();
    return this.form().getByTestId(`extra-field-${count}`);
  }

  async chooseType(field: Locator, label: string) {
    await field.getByRole('combobox', { name: 'Kiểu' }).click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  async save() {
    await this.form().getByRole('button', { name: 'Lưu' }).click();
  }

  async expectFieldError(label: string, message: string) {
    const input = this.form().getByRole('textbox', { name: label, exact: true });
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(this.form().getByText(message)).toBeVisible();
  }
}
