import { describe, expect, it } from 'vitest';
import { checkFile, importsOf } from './boundaries.js';

describe('import boundaries', () => {
  it('finds static, type, re-export, dynamic and require imports', () => {
    const src = `import a from 'x';\nimport type { B } from "y";\nexport * from './z.js';\nconst c = await import('w');\nconst d = require('v');\nimport 'side';`;
    expect(importsOf(src).map((i) => i.spec)).toEqual(['x', 'y', './z.js', 'w', 'v', 'side']);
    expect(importsOf(src).map((i) => i.typeOnly)).toEqual([false, true, false, false, false, false]);
  });
  it('refuses Node, Electron and database packages in shared/', () => {
    expect(checkFile('shared/x.ts', `import fs from 'node:fs';`)).toHaveLength(1);
    expect(checkFile('shared/x.ts', `import { app } from 'electron';`)).toHaveLength(1);
    expect(checkFile('shared/x.ts', `import Database from 'better-sqlite3';`)).toHaveLength(1);
    expect(checkFile('shared/x.ts', `import { z } from 'zod';`)).toEqual([]);
  });
  it('refuses shared/ importing main or renderer code', () => {
    expect(checkFile('shared/contract/a.ts', `import { x } from '../../main/core/station.js';`)).toHaveLength(1);
  });
  it('refuses electron in main/core', () => {
    expect(checkFile('main/core/db/x.ts', `import { app } from 'electron';`)).toHaveLength(1);
    expect(checkFile('main/electron/main.ts', `import { app } from 'electron';`)).toEqual([]);
  });
  it('keeps the renderer on shared/ and its API client', () => {
    expect(checkFile('renderer/features/a.tsx', `import { openStation } from '../../main/core/station.js';`)).toHaveLength(1);
    expect(checkFile('renderer/features/a.tsx', `import Database from 'better-sqlite3';`)).toHaveLength(1);
    expect(checkFile('renderer/features/a.tsx', `import fs from 'fs';`)).toHaveLength(1);
    expect(checkFile('renderer/features/a.tsx', `import { contract } from '../../shared/contract/index.js';`)).toEqual([]);
  });
  it('keeps the preload free of anything but electron (types from shared/ are erased, so allowed)', () => {
    expect(checkFile('main/preload/preload.ts', `import { z } from 'zod';`)).toHaveLength(1);
    expect(checkFile('main/preload/preload.ts', `import { contract } from '../../shared/contract/index.js';`)).toHaveLength(1);
    expect(checkFile('main/preload/api-types.ts', `import type { Result } from '../../shared/errors.js';`)).toEqual([]);
  });
  it('refuses the server reaching into the electron host', () => {
    expect(checkFile('main/server/app.ts', `import { x } from '../electron/ipc.js';`)).toHaveLength(1);
  });
});
