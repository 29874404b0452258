import { expect, type Locator, type Page } from '@playwright/test';
import { PersonFormPage } from './PersonFormPage.js';

/** "Hộ gia đình": the list and the "Thêm hộ" modal. */
export class HouseholdsPage {
  readonly form: PersonFormPage;
  constructor(private readonly page: Page) {
    this.form = new PersonFormPage(page);
  }

  async open() {
    await this.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Hộ gia đình', exact: true }).click();
    await expect(this.page.getByTestId('households-table')).toBeVisible();
  }

  modal(): Locator {
    return this.page.getByTestId('household-create');
  }

  async startNewHousehold(hamlet: string, address: string) {
    await this.page.getByTestId('household-add').click();
    const hamletInput = this.modal().getByRole('combobox', { name: /^Thôn, bản, ấp, tổ/ });
    await expect(hamletInput).toBeFocused();
    await hamletInput.fill(hamlet);
    await this.page.getByRole('option', { name: hamlet, exact: true }).click();
    await this.modal().getByLabel(/^Địa chỉ \(số nhà/).fill(address);
  }

  rows(): Locator {
    return this.page.getByTestId('household-row');
  }
}
