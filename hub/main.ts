import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import type { FacilityLevel } from '../shared/sync/protocol.js';
import { importBundle } from './bundle.js';
import { ensureAdminToken, loadConfig, USAGE, type HubConfig } from './config.js';
import { openHubDb, type HubDb } from './db.js';
import { EnrollError, issueCredential, registerFacility, revokeCredential } from './facilities.js';
import { Hub, type HubIdentity } from './hub.js';
import { httpTransport } from './http-client.js';
import { jsonLogger } from './log.js';
import { migrate } from './migrate.js';
import { buildHubServer } from './server.js';
import { UpstreamClient } from './upstream.js';

/** `npm run hub -- [command]`: the district/province sync hub (docs/sync.md). */
async function openDb(config: HubConfig, serving = false): Promise<HubDb> {
  if (config.databaseUrl) return openHubDb({ databaseUrl: config.databaseUrl, schema: config.databaseSchema, keepConnections: serving });
  if (config.dataDir === 'memory://') return openHubDb({ dataDir: 'memory://' });
  fs.mkdirSync(path.join(config.dataDir, 'pglite'), { recursive: true });
  return openHubDb({ dataDir: path.join(config.dataDir, 'pglite') });
}

/** The hub's own facility: from flags the first time, then remembered in hub_meta. */
async function identityOf(db: HubDb, config: HubConfig): Promise<HubIdentity> {
  await migrate(db);
  const stored = (await db.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'identity'"))[0];
  const saved = stored ? (JSON.parse(stored.value) as HubIdentity) : null;
  const i = config.identity;
  const identity: HubIdentity = {
    code: i.code ?? saved?.code ?? 'SYT',
    name: i.name ?? saved?.name ?? 'Sở Y tế',
    level: (i.level ?? saved?.level ?? 'province') as FacilityLevel,
    parent: i.parent ?? saved?.parent ?? null,
  };
  await db.query("INSERT INTO hub_meta (key, value) VALUES ('identity', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [JSON.stringify(identity)]);
  return identity;
}

/** A PEM file the hub needs; a missing or unreadable one stops the hub with the flag named. */
function readPem(file: string, what: string): Buffer {
  try {
    const pem = fs.readFileSync(file);
    if (!pem.includes('-----BEGIN ')) throw new Error('không phải tệp PEM');
    return pem;
  } catch (e) {
    throw new EnrollError(`không đọc được ${what} ${file}: ${(e as Error).message}`);
  }
}

async function serve(config: HubConfig): Promise<void> {
  const log = jsonLogger(undefined, { service: 'hub' }, config.logLevel);
  const db = await openDb(config, true);
  const hub = await Hub.open(db, await identityOf(db, config), log);
  const admin = ensureAdminToken(config);
  if (admin.created) console.error(`Mã quản trị của hub (lưu tại ${admin.file}): ${admin.token}`);
  const https = config.tls ? { cert: readPem(config.tls.cert, 'chứng chỉ (--tls-cert)'), key: readPem(config.tls.key, 'khóa riêng (--tls-key)') } : null;
  const app = await buildHubServer({ hub, adminToken: admin.token, https, logger: { level: config.logLevel } });
  let upstream: UpstreamClient | null = null;
  if (config.upstream) {
    const ca = config.upstream.ca ? [...tls.rootCertificates, readPem(config.upstream.ca, 'chứng chỉ hub tuyến trên (--upstream-ca)').toString('utf8')] : undefined;
    upstream = new UpstreamClient(hub, httpTransport(config.upstream.url, config.upstream.credential, { ca }));
    upstream.start(config.upstream.intervalS * 1000);
  }
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Always written, whatever the log level: scripts and the tests wait for this line to learn the port.
  jsonLogger(undefined, { service: 'hub' }, 'trace').info({ event: 'listening', port, host: config.host, scheme: https ? 'https' : 'http', db: db.kind, facility: hub.identity.code, upstream: config.upstream?.url ?? null });
  const shutdown = async () => {
    setTimeout(() => process.exit(0), 3000).unref();
    await upstream?.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function admin(config: HubConfig): Promise<void> {
  const db = await openDb(config);
  try {
    const identity = await identityOf(db, config);
    await Hub.open(db, identity, jsonLogger(() => undefined));
    const a = config.args;
    const expires = a['expires-days'] ? new Date(Date.now() + Number(a['expires-days']) * 86_400_000) : null;
    if (config.command === 'enroll') {
      if (!a.code || !a.name || !a.level) throw new EnrollError('enroll needs --code, --name and --level');
      const issued = await db.tx(async (q) => {
        await registerFacility(q, { code: a.code!, name: a.name!, level: a.level as FacilityLevel, parent: a.parent ?? identity.code });
        return issueCredential(q, a.code!, expires);
      });
      console.log(JSON.stringify({ facility: a.code, credentialId: issued.id, credential: issued.credential }));
    } else if (config.command === 'issue') {
      if (!a.facility) throw new EnrollError('issue needs --facility');
      console.log(JSON.stringify(await issueCredential(db, a.facility, expires)));
    } else if (config.command === 'revoke') {
      if (!a.credential) throw new EnrollError('revoke needs --credential');
      const done = await revokeCredential(db, a.credential);
      console.log(JSON.stringify({ revoked: done ? a.credential : null }));
      if (!done) process.exitCode = 1;
    } else if (config.command === 'facilities') {
      console.log(JSON.stringify(await db.query('SELECT code, name, level, parent FROM facilities ORDER BY code'), null, 1));
    } else if (config.command === 'import-bundle') {
      if (!a.file || !a.out) throw new EnrollError('import-bundle needs --file and --out');
      const hub = await Hub.open(db, identity, jsonLogger(() => undefined));
      // A server may be running on the same database: this process's writes go alone (hub/watermark.ts).
      hub.writesAlone = true;
      const out = await importBundle(hub, fs.readFileSync(a.file));
      fs.writeFileSync(a.out, out.bytes);
      console.log(JSON.stringify({ facility: out.facility, accepted: out.accepted, rows: out.rows, out: a.out }));
    } else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  let config: HubConfig;
  try {
    config = loadConfig(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (config.command === 'serve') await serve(config);
  else await admin(config);
}

main().catch((e: Error) => {
  console.error(e instanceof EnrollError ? `Không thực hiện được: ${e.message}` : `Lỗi hub: ${e.message}`);
  process.exit(1);
});
