import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateAppPaths } from '../paths.js';
import { openStation } from '../station.js';
import { runSync } from './client.js';
import { SyncState } from './state.js';
import { httpTransport } from './transport.js';

/**
 * Test helper run as a child process (`tsx main/core/sync/testing-station-sync.ts <dataDir>`): opens a station's
 * database and runs one sync with its configured hub, printing each progress report as a JSON line, so a test
 * can kill the station app (SIGKILL) in the middle of a sync.
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: testing-station-sync.ts <dataDir>');
const paths = locateAppPaths(path.dirname(fileURLToPath(import.meta.url)));
const station = openStation({ dataDir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir });
const state = new SyncState(station.sqlite);
const summary = await runSync(station, httpTransport(state.hubUrl!, state.credential!), {
  onProgress: (p) => process.stdout.write(`${JSON.stringify(p)}\n`),
});
process.stdout.write(`${JSON.stringify({ done: summary })}\n`);
station.close();
