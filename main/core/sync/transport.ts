import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { SYNC_LIMITS, syncResponseSchema, type SyncRequest, type SyncResponse } from '../../../shared/sync/protocol.js';

/** Why an exchange with the hub failed, in the terms the Đồng bộ screen explains. */
export type SyncFailure = 'UNREACHABLE' | 'CREDENTIAL' | 'REFUSED' | 'HUB_ERROR';

export class SyncTransportError extends Error {
  constructor(
    readonly failure: SyncFailure,
    readonly detail: string,
  ) {
    super(`${failure}: ${detail}`);
  }
}

export interface Exchange {
  res: SyncResponse;
  bytesUp: number;
  bytesDown: number;
}

export type StationTransport = ((req: SyncRequest) => Promise<Exchange>) & { close?: () => void };

/** POST `<hub>/v1/sync`, gzip both ways, with the station's credential as bearer token. */
export function httpTransport(hubUrl: string, credential: string, timeoutMs = 120_000): StationTransport {
  // One kept-alive connection for the rounds of one run (no new TCP handshake per round on a slow link).
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 1 }), https: new https.Agent({ keepAlive: true, maxSockets: 1 }) };
  const exchange = async (req: SyncRequest): Promise<Exchange> => {
    let url: URL;
    try {
      url = new URL('/v1/sync', hubUrl);
    } catch {
      throw new SyncTransportError('UNREACHABLE', `invalid hub address ${hubUrl}`);
    }
    const body = zlib.gzipSync(JSON.stringify(req));
    const lib = url.protocol === 'https:' ? https : http;
    const { status, raw, encoding } = await new Promise<{ status: number; raw: Buffer; encoding: string | undefined }>((resolve, reject) => {
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
          agent: url.protocol === 'https:' ? agents.https : agents.http,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, raw: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }));
          res.on('error', (e) => reject(new SyncTransportError('UNREACHABLE', e.message)));
          res.on('aborted', () => reject(new SyncTransportError('UNREACHABLE', 'connection cut during the answer')));
        },
      );
      r.on('timeout', () => r.destroy(new Error('timeout')));
      r.on('error', (e) => reject(new SyncTransportError('UNREACHABLE', e.message)));
      r.end(body);
    });
    let json: { error?: string; message?: string };
    try {
      const text = encoding === 'gzip' ? zlib.gunzipSync(raw, { maxOutputLength: SYNC_LIMITS.maxInflatedBytes }) : raw;
      json = JSON.parse(text.toString('utf8')) as typeof json;
    } catch {
      throw new SyncTransportError(status >= 200 && status < 300 ? 'UNREACHABLE' : 'HUB_ERROR', `unreadable answer (HTTP ${status})`);
    }
    if (status === 401) throw new SyncTransportError('CREDENTIAL', json.error ?? 'CREDENTIAL_INVALID');
    if (status >= 400 && status < 500) throw new SyncTransportError('REFUSED', `${json.error ?? status}: ${json.message ?? ''}`);
    if (status !== 200) throw new SyncTransportError('HUB_ERROR', `HTTP ${status}`);
    const parsed = syncResponseSchema.safeParse(json);
    if (!parsed.success) throw new SyncTransportError('HUB_ERROR', 'answer does not follow the protocol');
    return { res: parsed.data, bytesUp: body.length, bytesDown: raw.length };
  };
  return Object.assign(exchange, {
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  });
}
