import { expect, type Locator, type Page } from '@playwright/test';

/** A person's record page. */
export class PersonPage {
  constructor(private readonly page: Page) {}

  name(): Locator {
    return this.page.getByTestId('person-name');
  }

  async editSection(section: string) {
    await this.page.getByTestId(`hr-edit-${section}`).click();
    await expect(this.page.getByTestId(`hr-editor-${section}`)).toBeVisible();
    return this.page.getByTestId(`hr-editor-${section}`);
  }

  history(): Locator {
    return this.page.getByTestId('hr-history');
  }

  async openActions() {
    await this.page.getByTestId('person-actions').click();
  }

  async merge(duplicateQuery: string, duplicateName: string, reason: string) {
    await this.openActions();
    await this.page.getByTestId('person-merge').click();
    await this.page.getByTestId('merge-search').fill(duplicateQuery);
    await this.page.getByTestId('merge-hit').filter({ hasText: duplicateName }).first().click();
    await this.page.getByTestId('merge-reason').fill(reason);
    await this.page.getByTestId('merge-sure').check();
  }
}
