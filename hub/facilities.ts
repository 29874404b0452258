import crypto from 'node:crypto';
import { formatCredential, parseCredential } from '../shared/sync/credential.js';
import type { FacilityDecl, FacilityLevel, HubErrorCode } from '../shared/sync/protocol.js';
import type { Sql } from './db.js';
import type { Scope } from './pull.js';

/** Facility registry and credentials. Only a hash of a credential's secret is stored. */
export interface FacilityRow {
  code: string;
  name: string;
  level: FacilityLevel;
  parent: string | null;
}

export interface Facilities {
  byCode: Map<string, FacilityRow>;
  children: Map<string, string[]>;
}

export async function loadFacilities(q: Sql): Promise<Facilities> {
  const rows = await q.query<FacilityRow>('SELECT code, name, level, parent FROM facilities');
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const children = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.parent) continue;
    const list = children.get(r.parent);
    if (list) list.push(r.code);
    else children.set(r.parent, [r.code]);
  }
  return { byCode, children };
}

/**
 * `subtree` and `chain` (the parents upwards, nearest first) of the facility `$<param>`, as two array columns: one
 * recursive query returning one row, for every sync's caller (a province hub knows hundreds of facilities).
 */
const scopeColumns = (param: number) => `
  ARRAY(WITH RECURSIVE down(code) AS (
          SELECT $${param}::text UNION SELECT f.code FROM facilities f JOIN down d ON f.parent = d.code
        ) SELECT code FROM down) AS subtree,
  ARRAY(WITH RECURSIVE up(code, parent, depth) AS (
          SELECT code, parent, 0 FROM facilities WHERE code = $${param}::text
          UNION ALL SELECT f.code, f.parent, u.depth + 1 FROM facilities f JOIN up u ON f.code = u.parent WHERE u.depth < 64
        ) SELECT parent FROM up WHERE parent IS NOT NULL ORDER BY depth) AS chain`;

function scopeFrom(code: string, subtree: string[], chain: string[]): Scope {
  const ancestors: string[] = [];
  // A loop in the parents (a declaration gone wrong) ends the chain where it comes back.
  for (const parent of chain) {
    if (parent === code || ancestors.includes(parent)) break;
    ancestors.push(parent);
  }
  return { subtree: new Set(subtree), ancestors };
}

/** `subtreeOf` and `ancestorsOf` for one facility, found by the database in one query (a few values back). */
export async function scopeOfFacility(q: Sql, code: string): Promise<Scope> {
  const [row] = await q.query<{ subtree: string[]; chain: string[] }>(`SELECT ${scopeColumns(1)}`, [code]);
  return scopeFrom(code, row!.subtree, row!.chain);
}

/** The facility and every facility below it (the ones it serves). */
export function subtreeOf(f: Facilities, code: string): Set<string> {
  const out = new Set<string>([code]);
  const stack = [code];
  while (stack.length > 0) {
    for (const child of f.children.get(stack.pop()!) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        stack.push(child);
      }
    }
  }
  return out;
}

/** Facilities above it, nearest first. */
export function ancestorsOf(f: Facilities, code: string): string[] {
  const out: string[] = [];
  let at = f.byCode.get(code)?.parent ?? null;
  while (at && !out.includes(at) && at !== code) {
    out.push(at);
    at = f.byCode.get(at)?.parent ?? null;
  }
  return out;
}

export class EnrollError extends Error {}

const CODE = /^[A-Za-z0-9._-]{1,32}$/;

export async function registerFacility(q: Sql, f: { code: string; name: string; level: FacilityLevel; parent: string | null }, declaredBy: string | null = null): Promise<void> {
  if (!CODE.test(f.code)) throw new EnrollError(`invalid facility code "${f.code}"`);
  if (!['station', 'district', 'province'].includes(f.level)) throw new EnrollError(`invalid level "${f.level}"`);
  if (f.parent) {
    const parent = await q.query('SELECT 1 FROM facilities WHERE code = $1', [f.parent]);
    if (parent.length === 0) throw new EnrollError(`unknown parent facility "${f.parent}"`);
  }
  const existing = await q.query<FacilityRow>('SELECT code, name, level, parent FROM facilities WHERE code = $1', [f.code]);
  if (existing[0] && existing[0].parent !== f.parent) {
    throw new EnrollError(`facility ${f.code} is already registered under ${existing[0].parent ?? '(none)'}`);
  }
  await q.query(
    `INSERT INTO facilities (code, name, level, parent, declared_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level`,
    [f.code, f.name, f.level, f.parent, declaredBy],
  );
}

/** A hub's declarations of the facilities it serves: accepted only below the caller. */
export async function acceptDeclarations(q: Sql, caller: string, decls: FacilityDecl[], onRefused: (d: FacilityDecl, why: string) => Promise<void>): Promise<void> {
  for (const d of decls) {
    const facilities = await loadFacilities(q);
    if (!subtreeOf(facilities, caller).has(d.parent)) {
      await onRefused(d, 'parent outside the caller');
      continue;
    }
    try {
      await registerFacility(q, d, caller);
    } catch (e) {
      await onRefused(d, (e as Error).message);
    }
  }
}

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** Key that signs USB bundles: derived from the secret, kept by the hub (the secret itself is not). */
export const bundleKeyOf = (secret: string) => sha256(`tyts-bundle:${secret}`);

export async function issueCredential(q: Sql, facility: string, expiresAt: Date | null = null): Promise<{ id: string; credential: string }> {
  const found = await q.query('SELECT 1 FROM facilities WHERE code = $1', [facility]);
  if (found.length === 0) throw new EnrollError(`unknown facility "${facility}"`);
  const id = crypto.randomBytes(6).toString('base64url');
  const secret = crypto.randomBytes(32).toString('base64url');
  await q.query('INSERT INTO credentials (id, facility, secret_hash, bundle_key, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    id,
    facility,
    sha256(`tyts-auth:${secret}`),
    bundleKeyOf(secret),
    expiresAt ? expiresAt.toISOString() : null,
  ]);
  return { id, credential: formatCredential({ facility, id, secret }) };
}

export async function revokeCredential(q: Sql, id: string): Promise<boolean> {
  const rows = await q.query('UPDATE credentials SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id]);
  return rows.length > 0;
}

export type AuthResult =
  | { ok: true; facility: string; credentialId: string; bundleKey: string; scope?: Scope }
  | { ok: false; code: HubErrorCode };

/**
 * Checks a presented credential: known, secret matches (constant time), not revoked, not expired. `withScope`: the
 * facility's scope is read in the same query (a sync needs it next; one round trip less per sync).
 */
export async function authenticate(q: Sql, presented: string | null, now = new Date(), withScope = false): Promise<AuthResult> {
  if (!presented) return { ok: false, code: 'CREDENTIAL_MISSING' };
  const c = parseCredential(presented);
  if (!c) return { ok: false, code: 'CREDENTIAL_INVALID' };
  type Found = { facility: string | null; secret_hash: string | null; bundle_key: string; expires_at: Date | string | null; revoked_at: unknown; subtree?: string[]; chain?: string[] };
  const rows = withScope
    ? await q.query<Found>(
        `SELECT c.facility, c.secret_hash, c.bundle_key, c.expires_at, c.revoked_at, ${scopeColumns(2)}
           FROM (SELECT 1) AS one LEFT JOIN credentials c ON c.id = $1`,
        [c.id, c.facility],
      )
    : await q.query<Found>('SELECT facility, secret_hash, bundle_key, expires_at, revoked_at FROM credentials WHERE id = $1', [c.id]);
  const row = rows[0]?.facility ? rows[0] : undefined;
  const expected = Buffer.from(row?.secret_hash ?? sha256('no-such-credential'), 'hex');
  const given = Buffer.from(sha256(`tyts-auth:${c.secret}`), 'hex');
  if (!row || !crypto.timingSafeEqual(expected, given) || row.facility !== c.facility) return { ok: false, code: 'CREDENTIAL_INVALID' };
  if (row.revoked_at) return { ok: false, code: 'CREDENTIAL_REVOKED' };
  if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, code: 'CREDENTIAL_EXPIRED' };
  return {
    ok: true,
    facility: row.facility,
    credentialId: c.id,
    bundleKey: row.bundle_key,
    ...(row.subtree && row.chain ? { scope: scopeFrom(row.facility, row.subtree, row.chain) } : {}),
  };
}

export async function bundleKeyFor(q: Sql, credentialId: string): Promise<{ facility: string; key: string; usable: boolean } | null> {
  const rows = await q.query<{ facility: string; bundle_key: string; expires_at: Date | string | null; revoked_at: unknown }>(
    'SELECT facility, bundle_key, expires_at, revoked_at FROM credentials WHERE id = $1',
    [credentialId],
  );
  const row = rows[0];
  if (!row) return null;
  const usable = !row.revoked_at && (!row.expires_at || new Date(row.expires_at).getTime() > Date.now());
  return { facility: row.facility, key: row.bundle_key, usable };
}
