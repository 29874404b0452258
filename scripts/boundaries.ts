import path from 'node:path';

/** The layers of ARCHITECTURE.md, by folder. The most specific prefix wins. */
export const LAYER_ROOTS = ['shared', 'main', 'renderer', 'hub'] as const;

type Layer = 'shared' | 'core' | 'electron' | 'server' | 'preload' | 'renderer' | 'hub';

export function layerOf(relPath: string): Layer | null {
  if (relPath.startsWith('shared/')) return 'shared';
  if (relPath.startsWith('main/core/')) return 'core';
  if (relPath.startsWith('main/electron/')) return 'electron';
  if (relPath.startsWith('main/server/')) return 'server';
  if (relPath.startsWith('main/preload/')) return 'preload';
  if (relPath.startsWith('renderer/')) return 'renderer';
  if (relPath.startsWith('hub/')) return 'hub';
  return null;
}

const NODE_BUILTINS = /^(node:|(fs|path|os|crypto|child_process|http|https|net|tls|url|util|stream|zlib|events|worker_threads|buffer|process|module|readline|dgram|dns|cluster|v8|vm|perf_hooks|assert|timers)(\/|$))/;

/** Packages that need Node or a DOM; `shared/` must stay pure. */
const NON_PURE_PACKAGES = /^(electron|better-sqlite3|drizzle-orm|fastify|@fastify\/|react|react-dom|@mantine\/|@tanstack\/|csv-parse|pdfmake|pg|@electric-sql\/)/;

/** Which layers each layer may import (relative imports resolved to their folder). */
const ALLOWED_LAYERS: Record<Layer, Layer[]> = {
  shared: ['shared'],
  core: ['shared', 'core'],
  electron: ['shared', 'core', 'electron', 'preload'],
  server: ['shared', 'core', 'server'],
  preload: ['preload'],
  renderer: ['shared', 'renderer'],
  hub: ['shared', 'hub'],
};

export interface ImportRef {
  spec: string;
  /** `import type …`: erased at build time, so it crosses no runtime boundary. */
  typeOnly: boolean;
}

export function importsOf(source: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const re = /(?:^|[^\w$.])(?:import|export)\s*(type\s+)?(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]|(?:^|[^\w$.])(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (let m = re.exec(source); m; m = re.exec(source)) refs.push({ spec: (m[2] ?? m[3])!, typeOnly: Boolean(m[1]) });
  return refs;
}

/** Violations in one file, as `file: imports X (reason)` lines. */
export function checkFile(relPath: string, source: string): string[] {
  const layer = layerOf(relPath);
  if (!layer) return [];
  const isTest = /\.test\.tsx?$/.test(relPath);
  const out: string[] = [];
  for (const { spec, typeOnly } of importsOf(source)) {
    if (typeOnly && layer === 'preload' && layerOf(path.posix.normalize(path.posix.join(path.posix.dirname(relPath), spec))) === 'shared') continue;
    const reason = violation(layer, relPath, spec, isTest);
    if (reason) out.push(`${relPath}: imports "${spec}" (${reason})`);
  }
  return out;
}

function violation(layer: Layer, relPath: string, spec: string, isTest: boolean): string | null {
  if (spec.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(relPath), spec));
    const targetLayer = layerOf(target);
    if (!targetLayer) return isTest ? null : 'outside the layers';
    if (!ALLOWED_LAYERS[layer].includes(targetLayer)) {
      // Tests may use another layer's test helpers (e.g. a shared test reading files is run by Node).
      if (isTest && targetLayer === 'core' && relPath.includes('/core/')) return null;
      return `${layer} may not import ${targetLayer}`;
    }
    return null;
  }
  if (isTest) return null;
  if (spec === 'electron' && layer !== 'electron' && layer !== 'preload') return 'only main/electron and main/preload import electron';
  if (layer === 'shared' && (NODE_BUILTINS.test(spec) || NON_PURE_PACKAGES.test(spec))) return 'shared/ is pure: no Node, DOM or Electron packages';
  if (layer === 'renderer' && (NODE_BUILTINS.test(spec) || /^(better-sqlite3|drizzle-orm|fastify|@fastify\/|csv-parse|pg)/.test(spec))) {
    return 'the renderer reaches data only through the API client';
  }
  if (layer === 'preload' && spec !== 'electron') return 'the preload stays tiny: electron only';
  return null;
}
