import fs from 'node:fs';
import tls from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import type { HubDb } from './db.js';
import type { Hub } from './hub.js';
import { httpTransport } from './http-client.js';
import { buildHubServer } from './server.js';
import { BACKENDS, TestDatabases } from './testing/databases.js';
import { enroll, openTestHub } from './testing/hubs.js';
import { makeTestCertificates, opensslAvailable, type TestCertificates } from './testing/tls.js';
import { UpstreamClient } from './upstream.js';

/**
 * HTTPS between hubs (docs/sync.md, "HTTPS"): a province hub serving HTTPS with a certificate from a private CA,
 * a district hub forwarding to it when it trusts that CA (--upstream-ca), refused when it does not, and the same
 * hub still serving plain HTTP on a LAN. The station side is in main/core/sync/https.test.ts.
 */
const hasOpenssl = opensslAvailable();
if (!hasOpenssl && process.env.CI) throw new Error('openssl is needed for the HTTPS tests (Debian: openssl, installed with postgresql)');
if (!hasOpenssl) console.warn('[hub tls tests] openssl not found: HTTPS tests skipped');

const listen = async (app: FastifyInstance) => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
};

describe.runIf(hasOpenssl)(`hub over HTTPS (${BACKENDS[0]})`, () => {
  const dbs = new TestDatabases(BACKENDS[0]!);
  let certs: TestCertificates;
  let province: Hub;
  let provinceDb: HubDb;
  let district: Hub;
  let secure: FastifyInstance;
  let plain: FastifyInstance;
  let httpsUrl: string;
  let httpUrl: string;
  let credential: string;
  const provinceRows = async () => (await provinceDb.query<{ n: number }>('SELECT count(*)::int AS n FROM rows'))[0]!.n;

  beforeAll(async () => {
    certs = makeTestCertificates();
    provinceDb = await dbs.open();
    ({ hub: province } = await openTestHub(provinceDb, '40000', 'province'));
    credential = await enroll(province, '40100', 'district', '40000');
    ({ hub: district } = await openTestHub(await dbs.open(), '40100', 'district', '40000'));
    secure = await buildHubServer({ hub: province, adminToken: 'quan-tri', https: { cert: Buffer.from(certs.cert), key: Buffer.from(certs.key) } });
    plain = await buildHubServer({ hub: province, adminToken: 'quan-tri' });
    httpsUrl = `https://127.0.0.1:${await listen(secure)}`;
    httpUrl = `http://127.0.0.1:${await listen(plain)}`;
  }, 120_000);
  afterAll(async () => {
    await secure?.close();
    await plain?.close();
    await dbs.close();
    if (certs) fs.rmSync(certs.dir, { recursive: true, force: true });
  });

  it('a hub that does not trust the certificate sends nothing: unknown CA, another CA, plain HTTP to the HTTPS port', async () => {
    const { ids } = await district.writeOwn([{ t: 'person_events', f: { kind: 'referral_outcome', date: '2026-03-16', details: '{"ketQua":"Ổn định"}' } }]);
    expect(ids).toHaveLength(1);
    const before = await provinceRows();
    const attempts: [string, UpstreamClient][] = [
      ['default CAs only', new UpstreamClient(district, httpTransport(httpsUrl, credential))],
      ['another private CA', new UpstreamClient(district, httpTransport(httpsUrl, credential, { ca: [...tls.rootCertificates, fs.readFileSync(certs.otherCaFile, 'utf8')] }))],
    ];
    for (const [what, client] of attempts) {
      const refused = await client.syncOnce().then(
        () => null,
        (e: Error & { code?: string }) => e.code ?? e.message,
      );
      expect([what, refused]).toEqual([what, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);
    }
    const plainToTls = await new UpstreamClient(district, httpTransport(httpsUrl.replace('https:', 'http:'), credential)).syncOnce().then(
      () => 'accepted',
      () => 'refused',
    );
    expect(plainToTls).toBe('refused');
    expect(await provinceRows()).toBe(before);
  });

  it('trusting the private CA (--upstream-ca), the district forwards over HTTPS; plain HTTP on the LAN works too', async () => {
    const { ids } = await district.writeOwn([{ t: 'person_events', f: { kind: 'referral_outcome', date: '2026-03-17', details: '{"ketQua":"Khỏi"}' } }]);
    const trusted = new UpstreamClient(district, httpTransport(httpsUrl, credential, { ca: [...tls.rootCertificates, certs.ca] }));
    const first = await trusted.syncOnce();
    expect(first.pushed).toBeGreaterThanOrEqual(2);
    const atProvince = await provinceDb.query<{ owner: string; vals: { details: string } }>("SELECT owner, vals FROM rows WHERE table_name = 'person_events' AND row_id = $1", [ids[0]]);
    expect(atProvince[0]).toMatchObject({ owner: '40100', vals: { details: '{"ketQua":"Khỏi"}' } });

    const { ids: later } = await district.writeOwn([{ t: 'person_events', f: { kind: 'referral_outcome', date: '2026-03-18', details: '{"ketQua":"Tái khám"}' } }]);
    expect((await new UpstreamClient(district, httpTransport(httpUrl, credential)).syncOnce()).pushed).toBe(1);
    expect(await provinceDb.query("SELECT 1 FROM rows WHERE table_name = 'person_events' AND row_id = $1", [later[0]])).toHaveLength(1);
  });

  it('configuration: certificate and key from flags, a config file or the environment; half a TLS setup is refused', () => {
    expect(loadConfig(['serve', '--tls-cert', certs.certFile, '--tls-key', certs.keyFile]).tls).toEqual({ cert: certs.certFile, key: certs.keyFile });
    expect(loadConfig(['serve'], { HUB_TLS_CERT: certs.certFile, HUB_TLS_KEY: certs.keyFile }).tls).toEqual({ cert: certs.certFile, key: certs.keyFile });
    const file = `${certs.dir}/hub.json`;
    fs.writeFileSync(file, JSON.stringify({ 'tls-cert': certs.certFile, 'tls-key': certs.keyFile, 'upstream-url': httpsUrl, 'upstream-credential': credential, 'upstream-ca': certs.caFile }));
    const fromFile = loadConfig(['serve', '--config', file], {});
    expect(fromFile.tls).toEqual({ cert: certs.certFile, key: certs.keyFile });
    expect(fromFile.upstream).toMatchObject({ url: httpsUrl, ca: certs.caFile });
    expect(loadConfig(['serve'], {}).tls).toBeNull();
    expect(() => loadConfig(['serve', '--tls-cert', certs.certFile], {})).toThrow(/--tls-key/);
    expect(() => loadConfig(['serve'], { HUB_TLS_KEY: certs.keyFile })).toThrow(/--tls-cert/);
  });
});
