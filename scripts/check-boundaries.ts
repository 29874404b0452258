/**
 * Import-boundary check (ARCHITECTURE.md, "Layering"): fails the build when a file imports across a layer it may
 * not reach. Run by `npm run build` and `npm test`. Rules are data (scripts/boundaries.ts) and unit-tested.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkFile, LAYER_ROOTS } from './boundaries.js';

const root = path.resolve(import.meta.dirname, '..');

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

const violations: string[] = [];
let files = 0;
for (const layerRoot of LAYER_ROOTS) {
  const dir = path.join(root, layerRoot);
  if (!fs.existsSync(dir)) continue;
  for (const file of sourceFiles(dir)) {
    files++;
    const rel = path.relative(root, file).split(path.sep).join('/');
    violations.push(...checkFile(rel, fs.readFileSync(file, 'utf8')));
  }
}
if (violations.length > 0) {
  console.error(`Vi phạm ranh giới giữa các lớp (${violations.length}):\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log(`Ranh giới các lớp: ${files} tệp, không có vi phạm.`);
