import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { SYNC_LIMITS, syncResponseSchema, type SyncRequest, type SyncResponse } from '../../../shared/sync/protocol.js';

/** Why an exchange with the hub failed, in the terms the Đồng bộ screen explains. */
export type SyncFailure = 'UNREACHABLE' | 'CERTIFICATE' | 'CREDENTIAL' | 'REFUSED' | 'HUB_ERROR';

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

/** File in the station's data folder holding the certificate(s) (PEM) of a hub on a private or self-signed CA. */
export const HUB_CA_FILE = 'sync-ca.pem';

/**
 * Certificates to trust for an https:// hub: `<dataDir>/sync-ca.pem` when present, on top of the public CAs and
 * NODE_EXTRA_CA_CERTS (an explicit `ca` replaces Node's default list, so those are added back). null: Node's
 * default trust. Verification is never turned off: an untrusted hub is refused (failure CERTIFICATE).
 */
export function hubTrust(dataDir: string, env: NodeJS.ProcessEnv = process.env): string[] | null {
  let own: string;
  try {
    own = fs.readFileSync(path.join(dataDir, HUB_CA_FILE), 'utf8');
  } catch {
    return null;
  }
  const extra = env.NODE_EXTRA_CA_CERTS ? readOrEmpty(env.NODE_EXTRA_CA_CERTS) : '';
  return [...tls.rootCertificates, ...(extra ? [extra] : []), own];
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** OpenSSL / Node codes of a hub certificate that cannot be trusted (self-signed, unknown CA, expired, wrong name). */
const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function linkError(e: Error & { code?: string }): SyncTransportError {
  if (e.code && CERTIFICATE_ERRORS.has(e.code)) return new SyncTransportError('CERTIFICATE', `${e.code}: ${e.message}`);
  return new SyncTransportError('UNREACHABLE', e.message);
}

export interface TransportOptions {
  timeoutMs?: number;
  /** Certificates trusted for an https:// hub instead of Node's defaults (see `hubTrust`). */
  ca?: string[] | null;
}

/** POST `<hub>/v1/sync`, gzip both ways, with the station's credential as bearer token; http:// or https://. */
export function httpTransport(hubUrl: string, credential: string, options: TransportOptions = {}): StationTransport {
  const timeoutMs = options.timeoutMs ?? 120_000;
  // Kept-alive connections for the rounds of one run (no new TCP or TLS handshake per round on a slow link): one,
  // and a second only while a long backlog is pipelined (two requests in flight, runSync).
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 2 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 2, ...(options.ca ? { ca: options.ca } : {}) }),
  };
  const exchange = async (req: SyncRequest): Promise<Exchange> => {
    let url: URL;
    try {
      url = new URL('/v1/sync', hubUrl);
    } catch {
      throw new SyncTransportError('UNREACHABLE', `invalid hub address ${hubUrl}`);
    }
    const text = JSON.stringify(req);
    // Most syncs are small and may cross a slow link: compress hard. A large batch (a backlog on a link fast enough
    // for batches to grow): compress fast — level 3 takes 0.4 of level 6's CPU for ≈ 20 % more bytes.
    const body = zlib.gzipSync(text, { level: text.length <= 512 * 1024 ? 9 : 3 });
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
      r.on('error', (e) => reject(linkError(e)));
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
