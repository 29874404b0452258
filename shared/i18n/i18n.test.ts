import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.js';
import { en } from './en.js';
import { isMessageKey, translate } from './index.js';
import { vi } from './vi.js';

const contractDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'contract');

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

describe('translations', () => {
  it('Vietnamese and English have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('no message is left empty in either language', () => {
    for (const dict of [vi, en] as Record<string, string>[]) {
      for (const [key, text] of Object.entries(dict)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('every error code the backend can return has a message', () => {
    for (const code of ERROR_CODES) {
      expect(isMessageKey(`error.${code}`), `error.${code}`).toBe(true);
    }
  });

  it('every validation message used by the contract schemas exists', () => {
    const files = fs.readdirSync(contractDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(3);
    const used = new Set<string>();
    for (const file of files) {
      const source = fs.readFileSync(path.join(contractDir, file), 'utf8');
      for (const m of source.matchAll(/['"`](v\.[A-Za-z0-9_.]+)['"`]/g)) used.add(m[1]!);
    }
    // The contract does use its own messages (required field, facility code, password, hamlets…).
    expect(used.size).toBeGreaterThan(4);
    for (const key of used) expect(isMessageKey(key), key).toBe(true);
  });

  it('each message has the same {placeholders} in Vietnamese and English', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
  });

  it('fills placeholders in the chosen language', () => {
    expect(translate('vi', 'error.USERNAME_TAKEN', { username: 'lan.nt' })).toBe('Tên đăng nhập "lan.nt" đã có người dùng.');
    expect(translate('en', 'error.USERNAME_TAKEN', { username: 'lan.nt' })).toBe('The username "lan.nt" is already used.');
  });

  it('Vietnamese messages are stored in composed (NFC) form', () => {
    for (const [key, text] of Object.entries(vi)) expect(text.normalize('NFC'), key).toBe(text);
  });
});
