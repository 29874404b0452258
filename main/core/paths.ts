import fs from 'node:fs';
import path from 'node:path';

/**
 * Finds the shipped folders (migrations, resources, built renderer) from a start folder: in the repository they
 * sit at main/core/db/migrations and resources/; in a build they are copied next to the bundle (out/).
 */
export interface AppPaths {
  migrationsDir: string;
  resourcesDir: string;
  rendererDir: string;
}

export function locateAppPaths(startDir: string): AppPaths {
  let dir = path.resolve(startDir);
  for (let i = 0; i < 6; i++) {
    const built = path.join(dir, 'out');
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      return {
        migrationsDir: path.join(dir, 'main', 'core', 'db', 'migrations'),
        resourcesDir: path.join(dir, 'resources'),
        rendererDir: path.join(built, 'renderer'),
      };
    }
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the application folder from ${startDir}`);
}
