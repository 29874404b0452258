import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { assembleBundle, openBundle } from '../../../shared/sync/bundle.js';
import { parseCredential } from '../../../shared/sync/credential.js';
import { SYNC_LIMITS, syncResponseSchema } from '../../../shared/sync/protocol.js';
import { AppError } from '../../../shared/errors.js';
import type { Station } from '../station.js';
import { applyResponse, buildRequest, finishRun, startRun, type RunSummary } from './client.js';
import { SyncState } from './state.js';

const keyOf = (secret: string) => crypto.createHash('sha256').update(`tyts-bundle:${secret}`).digest('hex');
const hmac = (key: string) => ({ sign: (data: Uint8Array) => crypto.createHmac('sha256', key).update(data).digest('hex') });

function credentialOf(station: Station) {
  const text = new SyncState(station.sqlite).credential;
  const c = text ? parseCredential(text) : null;
  if (!c) throw new AppError('SYNC_NOT_CONFIGURED');
  return c;
}

/**
 * USB export (docs/sync.md, "USB bundles"): the changes the hub has not acknowledged (the batch in flight, so a
 * network retry and the USB file carry the same batch id) and the pull cursor, gzip-compressed and signed.
 */
export function exportBundle(station: Station): { fileName: string; bytes: Buffer; changes: number } {
  const cred = credentialOf(station);
  const state = new SyncState(station.sqlite);
  const { req, sent } = buildRequest(station, state, true);
  const body = zlib.gzipSync(JSON.stringify(req));
  const created = station.now().toISOString();
  const bytes = Buffer.from(assembleBundle({ kind: 'push', facility: cred.facility, credentialId: cred.id, created }, body, hmac(keyOf(cred.secret))));
  const run = startRun(station, 'usb-export');
  const changes = sent?.changes.length ?? 0;
  finishRun(station, run, { ok: true, pushed: changes, pulled: 0, toPush: changes, rejected: 0, bytesUp: bytes.length, bytesDown: 0, roundTrips: 0, error: null });
  return { fileName: `dong-bo-${cred.facility}-${created.slice(0, 10)}.tyts`, bytes, changes };
}

/** USB import of the hub's return file: refused unless signed for this station; importing it twice changes nothing. */
export function importBundle(station: Station, bytes: Uint8Array): RunSummary {
  const cred = credentialOf(station);
  const opened = openBundle(bytes);
  if (!opened || opened.header.kind !== 'return' || opened.header.facility !== cred.facility || !opened.verify(hmac(keyOf(cred.secret)))) {
    throw new AppError('SYNC_BUNDLE_INVALID');
  }
  let res;
  try {
    res = syncResponseSchema.parse(JSON.parse(zlib.gunzipSync(opened.body, { maxOutputLength: SYNC_LIMITS.maxInflatedBytes }).toString('utf8')));
  } catch {
    throw new AppError('SYNC_BUNDLE_INVALID');
  }
  if (res.facility !== cred.facility) throw new AppError('SYNC_BUNDLE_INVALID');
  const run = startRun(station, 'usb-import');
  const applied = applyResponse(station, null, res);
  const summary: RunSummary = { ok: true, pushed: applied.acked, pulled: applied.pulled, toPush: 0, rejected: applied.rejected, bytesUp: 0, bytesDown: bytes.length, roundTrips: 0, error: null };
  finishRun(station, run, summary, res.hub);
  return summary;
}
