import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { assembleBundle, openBundle } from '../shared/sync/bundle.js';
import { parseSyncRequest, SYNC_LIMITS, type SyncRequest } from '../shared/sync/protocol.js';
import { bundleKeyFor } from './facilities.js';
import type { Hub } from './hub.js';

export class BundleError extends Error {}

export const hmacWith = (key: string) => ({ sign: (data: Uint8Array) => crypto.createHmac('sha256', key).update(data).digest('hex') });

/**
 * Imports a station's USB bundle at the hub (CLI or admin HTTP): checks the signature with the key of the
 * credential named in it, runs the same exchange as `POST /v1/sync`, and returns the signed return bundle.
 * Importing the same bundle twice changes nothing (its batch id is already known).
 */
export async function importBundle(hub: Hub, bytes: Uint8Array): Promise<{ facility: string; bytes: Buffer; accepted: number; rows: number }> {
  const opened = openBundle(bytes);
  if (!opened || opened.header.kind !== 'push') throw new BundleError('not a station bundle');
  const key = await bundleKeyFor(hub.db, opened.header.credentialId);
  if (!key || key.facility !== opened.header.facility) throw new BundleError('unknown credential');
  if (!opened.verify(hmacWith(key.key))) {
    await hub.securityEvent(hub.db, key.facility, 'bundle-signature', { credentialId: opened.header.credentialId });
    throw new BundleError('signature does not match: the file was changed or is not from this facility');
  }
  if (!key.usable) throw new BundleError('credential revoked or expired');
  let request: SyncRequest;
  try {
    const json = zlib.gunzipSync(opened.body, { maxOutputLength: SYNC_LIMITS.maxInflatedBytes }).toString('utf8');
    const parsed = parseSyncRequest(JSON.parse(json));
    if (!parsed.success) throw new Error(parsed.issues.join('; '));
    request = parsed.data;
  } catch {
    throw new BundleError('bundle content is not valid');
  }
  // A return file carries every page up to the hub's current position (a USB trip is slow: no second round).
  const response = await hub.sync(key.facility, request);
  for (let page = 0; response.more && page < 100; page++) {
    const next = await hub.sync(key.facility, { v: request.v, node: request.node, cursor: response.to });
    response.rows.push(...next.rows);
    response.to = next.to;
    response.more = next.more;
  }
  const body = zlib.gzipSync(JSON.stringify(response));
  const header = { kind: 'return' as const, facility: key.facility, credentialId: opened.header.credentialId, created: new Date().toISOString() };
  return { facility: key.facility, bytes: Buffer.from(assembleBundle(header, body, hmacWith(key.key))), accepted: response.ack?.accepted ?? 0, rows: response.rows.length };
}
