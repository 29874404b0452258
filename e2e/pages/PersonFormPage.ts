import { expect, type Locator, type Page } from '@playwright/test';

export interface PersonInput {
  fullName: string;
  sex: 'Nam' | 'Nữ';
  /** dd/mm/yyyy or yyyy */
  birthDate: string;
  cccd?: string;
  phone?: string;
  occupation?: string;
  motherName?: string;
  fatherName?: string;
  bhxhNumber?: string;
  currentAddress?: string;
}

/** The person registration / correction form (inside a modal). */
export class PersonFormPage {
  readonly root: Locator;
  constructor(private readonly page: Page) {
    this.root = page.getByTestId('person-form');
  }

  field(label: string | RegExp): Locator {
    return this.root.getByLabel(label);
  }

  async chooseSex(sex: 'Nam' | 'Nữ') {
    await this.root.getByRole('combobox', { name: /^Giới tính/ }).click();
    await this.page.getByRole('option', { name: sex, exact: true }).click();
  }

  async fill(p: PersonInput) {
    await this.field(/^Họ và tên/).fill(p.fullName);
    await this.chooseSex(p.sex);
    await this.field(/^Ngày sinh/).fill(p.birthDate);
    if (p.cccd) await this.field(/^Số CCCD/).fill(p.cccd);
    if (p.occupation) await this.field('Nghề nghiệp').fill(p.occupation);
    if (p.bhxhNumber) await this.field(/^Mã số BHXH/).fill(p.bhxhNumber);
    if (p.currentAddress) await this.field('Nơi ở hiện tại').fill(p.currentAddress);
    if (p.phone) await this.field('Điện thoại di động').fill(p.phone);
    if (p.motherName) await this.field('Họ tên mẹ').fill(p.motherName);
    if (p.fatherName) await this.field('Họ tên cha').fill(p.fatherName);
  }

  /** Saves with Enter from the name field (keyboard-first). */
  async submitWithEnter() {
    await this.field(/^Họ và tên/).press('Enter');
  }

  async expectClosed() {
    await expect(this.root).toHaveCount(0);
  }
}
