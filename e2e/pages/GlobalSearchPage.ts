import { expect, type Locator, type Page } from '@playwright/test';

/** The header's search box (Ctrl+K). */
export class GlobalSearchPage {
  constructor(private readonly page: Page) {}

  input(): Locator {
    return this.page.getByTestId('global-search');
  }

  async focusWithShortcut() {
    await this.page.keyboard.press('Control+k');
    await expect(this.input()).toBeFocused();
  }

  hits(): Locator {
    return this.page.getByTestId('search-hit');
  }

  async search(text: string) {
    await this.focusWithShortcut();
    await this.page.keyboard.type(text);
  }
}
