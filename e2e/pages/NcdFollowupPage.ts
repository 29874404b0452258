import { expect, type Locator, type Page } from '@playwright/test';

/** The fast follow-up form (/benh-man-tinh/tai-kham/…), driven from the keyboard like a health worker would. */
export class NcdFollowupPage {
  constructor(private readonly page: Page) {}

  field(name: string): Locator {
    return this.page.getByTestId(`ncd-${name}`);
  }

  async expectOpen() {
    await expect(this.page.getByTestId('ncd-fu-form')).toBeVisible();
    await expect(this.field('bp1-systolic')).toBeFocused();
  }

  /** Types into the focused field, then Enter (next field). */
  async typeAndEnter(text: string, expectedField?: string) {
    if (expectedField) await expect(this.field(expectedField)).toBeFocused();
    if (text) await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  async pickMedicineByKeyboard(typed: string, option: string) {
    await expect(this.field('med-add')).toBeFocused();
    await this.page.keyboard.type(typed);
    await expect(this.page.getByRole('option').filter({ hasText: option }).first()).toBeVisible();
    await this.page.keyboard.press('Enter');
  }

  mean(): Locator {
    return this.page.getByTestId('ncd-bp-mean');
  }

  converted(): Locator {
    return this.page.getByTestId('ncd-glucose-converted');
  }

  /** The message under a field (Mantine links it through aria-invalid / aria-describedby). */
  async expectFieldError(name: string, message: string) {
    await expect(this.field(name)).toHaveAttribute('aria-invalid', 'true');
    await expect(this.page.getByText(message, { exact: true })).toBeVisible();
  }
}
