/// <reference path="./pdfmake.d.ts" />
import fs from 'node:fs';
import path from 'node:path';
import { loadPdfmake } from './lazy.js';

/**
 * pdfmake 0.3 in Node, set up once per process: the Roboto files shipped in `resources/fonts` are loaded into
 * pdfmake's virtual file system, and both resource policies deny everything, so a document can never fetch a
 * URL or read a local file (CI-SETUP.md: set them explicitly).
 */
const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

let loadedFrom: string | null = null;

function ensureFonts(pdfmake: Awaited<ReturnType<typeof loadPdfmake>>, resourcesDir: string): void {
  const dir = path.join(resourcesDir, 'fonts');
  if (loadedFrom === dir) return;
  for (const file of Object.values(FONT_FILES)) pdfmake.virtualfs.writeFileSync(file, fs.readFileSync(path.join(dir, file)));
  pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  loadedFrom = dir;
}

/** Renders a pdfmake document definition to PDF bytes with the shipped fonts. */
export async function renderPdf(doc: object, resourcesDir: string): Promise<Buffer> {
  const pdfmake = await loadPdfmake();
  ensureFonts(pdfmake, resourcesDir);
  return pdfmake.createPdf(doc).getBuffer();
}
