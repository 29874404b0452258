import os from 'node:os';
import { startStationBackend } from '../core/backend.js';
import { locateAppPaths } from '../core/paths.js';
import { syncServiceFor } from '../core/sync/service.js';
import { buildServer } from './app.js';
import { parseServeArgs } from './args.js';
import { createTestClock } from './test-clock.js';

/** `npm run serve`: the station backend plus the built renderer over HTTP (browser / LAN mode). */
async function main(): Promise<void> {
  const parsed = parseServeArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(2);
  }
  const { dataDir, port, lan } = parsed.args;
  const paths = locateAppPaths(__dirname);
  const testClock = parsed.args.testClock ? createTestClock() : undefined;
  const backend = startStationBackend({ dataDir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir, ...(testClock ? { now: testClock.now } : {}) });
  if (backend.station.backupPath) console.log(`Đã sao lưu cơ sở dữ liệu trước khi nâng cấp: ${backend.station.backupPath}`);
  const app = await buildServer({ backend, rendererDir: paths.rendererDir, ...(testClock ? { testClock } : {}) });
  if (testClock) console.log('Đồng hồ kiểm thử đang bật (--test-clock): chỉ dùng cho kiểm thử tự động.');
  // Background sync with the hub (does nothing until the station is enrolled on the Đồng bộ screen).
  syncServiceFor(backend.station).start();
  const host = lan ? '0.0.0.0' : '127.0.0.1';
  await app.listen({ host, port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Trạm Y tế số đang chạy tại http://127.0.0.1:${actualPort}  (dữ liệu: ${dataDir})`);
  void backend.warmCaches();
  if (lan) {
    for (const ifaces of Object.values(os.networkInterfaces())) {
      for (const i of ifaces ?? []) if (i.family === 'IPv4' && !i.internal) console.log(`  Trong mạng nội bộ: http://${i.address}:${actualPort}`);
    }
  }
  const shutdown = async () => {
    // Never hang on shutdown: the database is consistent after every commit (WAL), so a forced exit is safe.
    setTimeout(() => process.exit(0), 3000).unref();
    await app.close();
    backend.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e) => {
  console.error('Không khởi động được máy chủ của trạm:', e instanceof Error ? e.message : e);
  process.exit(1);
});
