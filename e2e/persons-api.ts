import type { Page } from '@playwright/test';
import { AppFramePage } from './pages/AppFramePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { apiCall } from './server.js';

/** Section A fields as the API takes them (birthDate yyyy-mm-dd or yyyy). */
export interface PersonFieldsInput {
  fullName: string;
  sex: 'M' | 'F';
  birthDate: string;
  cccd?: string;
  motherName?: string;
  fatherName?: string;
  [k: string]: unknown;
}

async function ok(url: string, name: string, input: unknown, token: string) {
  const res = await apiCall(url, name, input, token);
  if (!res.body.ok) throw new Error(`${name}: ${JSON.stringify(res.body.error)}`);
  return res.body.value;
}

export async function hamletId(url: string, token: string, name: string): Promise<string> {
  const v = await ok(url, 'hamlets.list', {}, token);
  const h = v.hamlets.find((x: { name: string }) => x.name === name);
  if (!h) throw new Error(`no hamlet ${name}`);
  return h.id;
}

/** Creates a household with its head through the API; returns the household and head ids. */
export async function createHousehold(url: string, token: string, hamlet: string, address: string, head: PersonFieldsInput) {
  const v = await ok(url, 'households.create', { hamletId: await hamletId(url, token, hamlet), address, head, confirmNotDuplicate: true }, token);
  return { householdId: v.household.id as string, headId: v.head.id as string };
}

export async function registerPerson(url: string, token: string, householdId: string, relationToHead: string, person: PersonFieldsInput) {
  const v = await ok(url, 'persons.register', { householdId, relationToHead, person, confirmNotDuplicate: true }, token);
  return v.person.id as string;
}

export async function signIn(page: Page, url: string, user: { username: string; password: string; fullName: string }) {
  await page.goto(url);
  await new LoginPage(page).signIn(user.username, user.password);
  await new AppFramePage(page).waitUntilSignedIn(user.fullName);
}
