import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { SYNC_LIMITS, syncResponseSchema, type SyncRequest, type SyncResponse } from '../shared/sync/protocol.js';

export class HubHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Transport = (req: SyncRequest) => Promise<SyncResponse>;

export interface HttpTransportOptions {
  timeoutMs?: number;
  /** Certificates trusted for an https:// upstream instead of Node's defaults (a private or self-signed CA). */
  ca?: string[];
}

/** POSTs a sync request (gzip JSON) to `<base>/v1/sync` with the facility's credential; http:// or https://. */
export function httpTransport(baseUrl: string, credential: string, options: HttpTransportOptions = {}): Transport {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return async (req) => {
    const url = new URL('/v1/sync', baseUrl);
    const body = zlib.gzipSync(JSON.stringify(req));
    const lib = url.protocol === 'https:' ? https : http;
    const { status, data } = await new Promise<{ status: number; data: Buffer }>((resolve, reject) => {
      const r = lib.request(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'accept-encoding': 'gzip',
            authorization: `Bearer ${credential}`,
            'content-length': body.length,
          },
          timeout: timeoutMs,
          ...(url.protocol === 'https:' && options.ca ? { ca: options.ca } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              const raw = Buffer.concat(chunks);
              const data = res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw, { maxOutputLength: SYNC_LIMITS.maxInflatedBytes }) : raw;
              resolve({ status: res.statusCode ?? 0, data });
            } catch (e) {
              reject(e);
            }
          });
          res.on('error', reject);
        },
      );
      r.on('timeout', () => r.destroy(new Error('timeout')));
      r.on('error', reject);
      r.end(body);
    });
    const json = JSON.parse(data.toString('utf8')) as { error?: string; message?: string };
    if (status !== 200) throw new HubHttpError(status, json.error ?? 'INTERNAL', json.message ?? `HTTP ${status}`);
    return syncResponseSchema.parse(json);
  };
}
