import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Helpers for checking rendered PDFs with poppler-utils (pdftotext, pdftoppm, pdfinfo). */

export function hasPoppler(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The PDF's text, NFC, with all whitespace collapsed to single spaces (values wrapped over lines still match). */
export function pdfText(pdf: Buffer): string {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** pdfinfo's fields (Title, Subject, Keywords, Pages, Page size…). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Renders every page to `<dir>/<name>-<page>.png` and returns the paths. */
export function pdfToPng(pdf: Buffer, dir: string, name: string, dpi = 110): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-pdf-'));
  const file = path.join(tmp, 'in.pdf');
  fs.writeFileSync(file, pdf);
  for (const old of fs.readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) fs.rmSync(path.join(dir, old));
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, path.join(dir, name)]);
  fs.rmSync(tmp, { recursive: true, force: true });
  return fs.readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).sort().map((f) => path.join(dir, f));
}

/** Things that must never appear on a printed slip. */
export const FORBIDDEN_ON_PAGE = [/\bundefined\b/, /\bnull\b/, /\bNaN\b/, /\d{4}-\d{2}-\d{2}/, /Invalid Date/, /\[object Object\]/];
