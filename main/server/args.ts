import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface ServeArgs {
  dataDir: string;
  port: number;
  lan: boolean;
  /** E2E only: the station's clock can be moved over HTTP (see test-clock.ts). */
  testClock: boolean;
}

export const DEFAULT_PORT = 5710;
/** Same folder name Electron uses for `userData` (productName), so both modes share one database. */
export const APP_FOLDER = 'Trạm Y tế số';

/** The per-user application-data folder of each OS, as Electron's `app.getPath('userData')` picks it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER, 'data');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER, 'data');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER, 'data');
}

export type ParsedServeArgs = { ok: true; args: ServeArgs } | { ok: false; message: string };

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        lan: { type: 'boolean', default: false },
        'test-clock': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    return { ok: false, message: `Tham số không hợp lệ: ${(e as Error).message}` };
  }
  if (values.help) return { ok: false, message: USAGE };
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, message: `Cổng không hợp lệ: "${values.port}". Dùng một số từ 1 đến 65535.` };
  }
  return {
    ok: true,
    args: { dataDir: path.resolve(values['data-dir'] ?? defaultDataDir(env)), port, lan: values.lan ?? false, testClock: values['test-clock'] ?? false },
  };
}

export const USAGE = `Cách dùng: npm run serve -- [--data-dir THƯ_MỤC] [--port ${DEFAULT_PORT}] [--lan]
  --data-dir  thư mục chứa cơ sở dữ liệu của trạm (mặc định: thư mục dữ liệu ứng dụng của người dùng)
  --port      cổng HTTP (mặc định ${DEFAULT_PORT}; 0 = chọn cổng trống)
  --lan       cho phép máy khác trong mạng nội bộ truy cập (mặc định chỉ máy này, 127.0.0.1)`;
