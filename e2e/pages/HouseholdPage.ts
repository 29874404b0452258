import { expect, type Locator, type Page } from '@playwright/test';
import { PersonFormPage } from './PersonFormPage.js';

/** One household: members, "Thêm thành viên", "Thêm trẻ sơ sinh", history. */
export class HouseholdPage {
  readonly form: PersonFormPage;
  constructor(private readonly page: Page) {
    this.form = new PersonFormPage(page);
  }

  title(): Locator {
    return this.page.getByTestId('household-title');
  }

  members(): Locator {
    return this.page.getByTestId('member-row');
  }

  member(name: string): Locator {
    return this.page.locator(`[data-testid="member-row"][data-name="${name}"]`);
  }

  async startAddMember(relation: string) {
    await this.page.getByTestId('household-add-member').click();
    const relationInput = this.page.getByTestId('register-member').getByRole('combobox', { name: /^Quan hệ với chủ hộ/ });
    await expect(relationInput).toBeFocused();
    await relationInput.click();
    await this.page.getByRole('option', { name: relation, exact: true }).click();
  }

  /** "Thêm trẻ sơ sinh" on the mother's row: name, sex, date of birth, Enter. */
  async addNewborn(motherName: string, baby: { fullName: string; sex: 'Nam' | 'Nữ'; birthDate: string }) {
    await this.member(motherName).getByTestId('member-newborn').click();
    const modal = this.page.getByTestId('newborn-modal');
    await expect(modal.getByLabel(/^Họ và tên/)).toBeFocused();
    await modal.getByLabel(/^Họ và tên/).fill(baby.fullName);
    await modal.getByText(baby.sex, { exact: true }).click();
    await modal.getByLabel(/^Ngày sinh/).fill(baby.birthDate);
    await modal.getByLabel(/^Ngày sinh/).press('Enter');
    await expect(modal.getByRole('dialog')).toHaveCount(0);
  }

  history(): Locator {
    return this.page.getByTestId('household-history');
  }
}
