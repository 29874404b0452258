import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FacilityLevel } from '../shared/sync/protocol.js';

/** Hub configuration: command-line flags, else a JSON file (--config), else environment variables. */
export interface HubConfig {
  command: string;
  databaseUrl?: string;
  /** PostgreSQL schema (several hubs in one database: tests). */
  databaseSchema?: string;
  dataDir: string;
  host: string;
  port: number;
  adminToken: string;
  identity: { code?: string; name?: string; level?: FacilityLevel; parent?: string | null };
  /** `ca`: PEM file of the upstream hub's certificate or private CA, trusted on top of the public CAs. */
  upstream: { url: string; credential: string; intervalS: number; ca?: string } | null;
  /** HTTPS: PEM files of the certificate (chain) and private key; null serves plain HTTP (a LAN). */
  tls: { cert: string; key: string } | null;
  logLevel: string;
  /** Flags of admin commands (enroll, issue, revoke, import-bundle). */
  args: Record<string, string | undefined>;
}

const OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  'database-schema': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  lan: { type: 'boolean' },
  'admin-token': { type: 'string' },
  'hub-code': { type: 'string' },
  'hub-name': { type: 'string' },
  'hub-level': { type: 'string' },
  'hub-parent': { type: 'string' },
  'upstream-url': { type: 'string' },
  'upstream-credential': { type: 'string' },
  'upstream-interval': { type: 'string' },
  'upstream-ca': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'log-level': { type: 'string' },
  code: { type: 'string' },
  name: { type: 'string' },
  level: { type: 'string' },
  parent: { type: 'string' },
  facility: { type: 'string' },
  credential: { type: 'string' },
  'expires-days': { type: 'string' },
  file: { type: 'string' },
  out: { type: 'string' },
} as const;

export function loadConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): HubConfig {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const file = values.config ? (JSON.parse(fs.readFileSync(values.config, 'utf8')) as Record<string, unknown>) : {};
  const pick = (flag: keyof typeof OPTIONS, envName: string): string | undefined => {
    const v = values[flag];
    if (typeof v === 'string') return v;
    const f = file[flag];
    if (typeof f === 'string' || typeof f === 'number') return String(f);
    return env[envName] || undefined;
  };
  const rawDir = pick('data-dir', 'HUB_DATA_DIR') ?? 'hub-data';
  const dataDir = rawDir === 'memory://' ? rawDir : path.resolve(rawDir);
  const upstreamUrl = pick('upstream-url', 'HUB_UPSTREAM_URL');
  const upstreamCredential = pick('upstream-credential', 'HUB_UPSTREAM_CREDENTIAL');
  const cert = pick('tls-cert', 'HUB_TLS_CERT');
  const key = pick('tls-key', 'HUB_TLS_KEY');
  // Half a TLS configuration must not quietly fall back to plain HTTP.
  if (Boolean(cert) !== Boolean(key)) throw new Error('HTTPS cần cả --tls-cert và --tls-key (HUB_TLS_CERT, HUB_TLS_KEY)');
  const upstreamCa = pick('upstream-ca', 'HUB_UPSTREAM_CA');
  const port = Number(pick('port', 'HUB_PORT') ?? 5780);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${port}`);
  const args: Record<string, string | undefined> = {};
  for (const k of ['code', 'name', 'level', 'parent', 'facility', 'credential', 'expires-days', 'file', 'out'] as const) args[k] = values[k] as string | undefined;
  return {
    command: positionals[0] ?? 'serve',
    databaseUrl: pick('database-url', 'DATABASE_URL'),
    databaseSchema: pick('database-schema', 'HUB_DATABASE_SCHEMA'),
    dataDir,
    host: values.lan ? '0.0.0.0' : (pick('host', 'HUB_HOST') ?? '127.0.0.1'),
    port,
    adminToken: pick('admin-token', 'HUB_ADMIN_TOKEN') ?? '',
    identity: {
      code: pick('hub-code', 'HUB_CODE'),
      name: pick('hub-name', 'HUB_NAME'),
      level: pick('hub-level', 'HUB_LEVEL') as FacilityLevel | undefined,
      parent: pick('hub-parent', 'HUB_PARENT') ?? null,
    },
    upstream:
      upstreamUrl && upstreamCredential
        ? { url: upstreamUrl, credential: upstreamCredential, intervalS: Number(pick('upstream-interval', 'HUB_UPSTREAM_INTERVAL') ?? 60), ...(upstreamCa ? { ca: upstreamCa } : {}) }
        : null,
    tls: cert && key ? { cert, key } : null,
    logLevel: pick('log-level', 'HUB_LOG_LEVEL') ?? 'info',
    args,
  };
}

/** The admin token: configured, or made once and kept in the data folder (readable by the owner only). */
export function ensureAdminToken(config: HubConfig): { token: string; created: boolean; file: string } {
  const file = path.join(config.dataDir, 'admin-token');
  if (config.adminToken) return { token: config.adminToken, created: false, file };
  if (fs.existsSync(file)) return { token: fs.readFileSync(file, 'utf8').trim(), created: false, file };
  fs.mkdirSync(config.dataDir, { recursive: true });
  const token = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, created: true, file };
}

export const USAGE = `Cách dùng: npm run hub -- [lệnh] [tham số]
  serve (mặc định)   chạy máy chủ đồng bộ: --port 5780 --host 127.0.0.1 | --lan, --data-dir hub-data,
                     --hub-code/--hub-name/--hub-level/--hub-parent (lần đầu), --upstream-url/--upstream-credential,
                     --tls-cert cert.pem --tls-key key.pem (HTTPS; không có: HTTP thường, chỉ dùng trong mạng LAN),
                     --upstream-ca ca.pem (tin cậy chứng chỉ tự cấp của hub tuyến trên), --admin-token;
                     DATABASE_URL=postgres://… (không có: PGlite trong --data-dir)
  enroll             đăng ký cơ sở và cấp khóa: --code 01234 --name "Trạm Y tế xã …" --level station|district|province [--parent MÃ] [--expires-days N]
  issue              cấp thêm khóa cho cơ sở: --facility 01234 [--expires-days N]
  revoke             thu hồi khóa: --credential ID
  facilities         danh sách cơ sở
  import-bundle      nhập tệp USB của trạm và ghi tệp trả về: --file vao.tyts --out tra-ve.tyts`;
