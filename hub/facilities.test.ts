import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDb } from './db.js';
import { ancestorsOf, authenticate, issueCredential, loadFacilities, revokeCredential, scopeOfFacility, subtreeOf } from './facilities.js';
import { migrate } from './migrate.js';
import { BACKENDS, TestDatabases } from './testing/databases.js';

/**
 * A sync's scope (the facilities below its caller, and the ones above) comes from one database query; it must be
 * the same as walking the whole facility tree: a province with districts and stations reporting straight to it,
 * and a loop of parents.
 */
describe.each(BACKENDS)('facility scope on %s', (backend) => {
  const dbs = new TestDatabases(backend);
  let db: HubDb;
  beforeAll(async () => {
    db = await dbs.open();
    await migrate(db);
    const tree: [string, string, string | null][] = [
      ['40000', 'province', null],
      ['40100', 'district', '40000'],
      ['40101', 'station', '40100'],
      ['40102', 'station', '40100'],
      ['40200', 'district', '40000'],
      ['40201', 'station', '40200'],
      ['40900', 'station', '40000'],
      ['88001', 'district', null],
      ['88002', 'district', '88001'],
      ['88003', 'station', '88002'],
    ];
    for (const [code, level, parent] of tree) await db.query('INSERT INTO facilities (code, name, level, parent) VALUES ($1, $1, $2, $3)', [code, level, parent]);
    await db.query("UPDATE facilities SET parent = '88002' WHERE code = '88001'");
  }, 60_000);
  afterAll(() => dbs.close());

  it('is the subtree and the chain of parents, as walking the tree gives', async () => {
    const all = await loadFacilities(db);
    for (const code of ['40000', '40100', '40101', '40200', '40900', '88001', '88002', '88003', '99999']) {
      const scope = await scopeOfFacility(db, code);
      expect({ code, subtree: [...scope.subtree].sort(), ancestors: scope.ancestors }).toEqual({ code, subtree: [...subtreeOf(all, code)].sort(), ancestors: ancestorsOf(all, code) });
    }
    expect([...(await scopeOfFacility(db, '40000')).subtree].sort()).toEqual(['40000', '40100', '40101', '40102', '40200', '40201', '40900']);
    expect((await scopeOfFacility(db, '40101')).ancestors).toEqual(['40100', '40000']);
    expect(await scopeOfFacility(db, '88003')).toEqual({ subtree: new Set(['88003']), ancestors: ['88002', '88001'] });
  });

  it('comes with the credential check of a sync, and only for a good credential', async () => {
    const issued = await issueCredential(db, '40100', null);
    const auth = await authenticate(db, issued.credential, new Date(), true);
    expect(auth).toMatchObject({ ok: true, facility: '40100', scope: await scopeOfFacility(db, '40100') });
    expect(await authenticate(db, issued.credential.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), new Date(), true)).toEqual({ ok: false, code: 'CREDENTIAL_INVALID' });
    expect(await authenticate(db, issued.credential.replace('.40100.', '.40101.'), new Date(), true)).toEqual({ ok: false, code: 'CREDENTIAL_INVALID' });
    await revokeCredential(db, issued.id);
    expect(await authenticate(db, issued.credential, new Date(), true)).toEqual({ ok: false, code: 'CREDENTIAL_REVOKED' });
  });
});
