import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { formatHlc } from '../../shared/hlc.js';
import type { Scalar, SyncRequest, SyncResponse, WireChange } from '../../shared/sync/protocol.js';

/** Builds stamps and requests the way a station would (tests). */
export function stamp(wallMs: number, node: string, counter = 0): string {
  return formatHlc({ wallMs, counter, node });
}

export function change(t: string, id: string, o: string, h: string, f: Record<string, Scalar>): WireChange {
  return { t, id, o, h, f };
}

export function request(node: string, cursor: number, changes?: WireChange[], batchId?: string): SyncRequest {
  return { v: 1, node, cursor, ...(changes ? { push: { id: batchId ?? `${node}:${changes.length}:${changes[0]?.h ?? ''}`, changes } } : {}) };
}

/** POST /v1/sync through Fastify's inject (gzip both ways). */
export async function postSync(app: FastifyInstance, credential: string | null, body: unknown, opts: { gzip?: boolean; raw?: Buffer } = {}) {
  const payload = opts.raw ?? (opts.gzip === false ? Buffer.from(JSON.stringify(body)) : zlib.gzipSync(JSON.stringify(body)));
  const res = await app.inject({
    method: 'POST',
    url: '/v1/sync',
    headers: {
      'content-type': 'application/json',
      ...(opts.gzip === false ? {} : { 'content-encoding': 'gzip' }),
      'accept-encoding': 'gzip',
      ...(credential ? { authorization: `Bearer ${credential}` } : {}),
    },
    payload,
  });
  const raw = res.rawPayload;
  const text = res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return { status: res.statusCode, body: JSON.parse(text) as SyncResponse & { error?: string; message?: string }, bytes: raw.length, encoding: res.headers['content-encoding'] ?? null };
}
