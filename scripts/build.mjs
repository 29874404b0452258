// Builds the app into out/: the renderer with Vite, the Node entry points (HTTP server, Electron main, preload)
// with esbuild. better-sqlite3 (native) and electron stay external; everything else is bundled for a fast start.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';

const started = Date.now();
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['better-sqlite3', 'electron'],
  logLevel: 'warning',
  legalComments: 'none',
};
const entries = [{ in: 'main/server/serve.ts', out: 'out/main/serve.cjs' }];
if (fs.existsSync('main/electron/main.ts')) entries.push({ in: 'main/electron/main.ts', out: 'out/main/electron.cjs' });
if (fs.existsSync('main/preload/preload.ts')) entries.push({ in: 'main/preload/preload.ts', out: 'out/preload/preload.cjs' });
await Promise.all(entries.map((e) => esbuild({ ...common, entryPoints: [e.in], outfile: e.out })));
console.log(`Đã build xong sau ${((Date.now() - started) / 1000).toFixed(1)} s → out/`);
