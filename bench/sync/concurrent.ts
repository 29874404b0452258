import crypto from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';
import type { HubProcess } from '../../main/core/sync/testing-hub.js';
import { PROTOCOL_VERSION, type Scalar, type SyncRequest, type WireChange } from '../../shared/sync/protocol.js';
import { stats, type Stats } from '../harness/measure.js';

/**
 * Many stations syncing at once: `count` facilities enrolled at one hub, each sending its day's work (≈300 rows)
 * in one sync at the same moment over loopback. Each station's day is the day's work made through the core on the
 * benchmark station, given its own identity: facility code, node id (in every clock stamp) and row ids (the same id
 * maps to the same new id within a station, so visits still point at their person and prescriptions at their
 * visit). Each station has its own PC: the benchmark machine plays all 100, so their requests are serialised and
 * compressed (JSON, gzip, as main/core/sync/transport.ts does) before the clock starts, then sent as the transport
 * sends them (POST /v1/sync, same headers, a connection each). Latency per sync: from the request leaving to the
 * parsed answer.
 */
export interface ConcurrentFigures {
  stations: number;
  rowsPerStation: number;
  wall: number;
  latency: Stats;
  failures: string[];
  hubRowsPerSecond: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function remapId(salt: string, id: string): string {
  const h = crypto.createHash('sha1').update(salt).update(id).digest('hex');
  return `${id.slice(0, 14)}${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 20)}`;
}

/** The template day given to another station: its code as owner, its node in the stamps, its own row ids. */
export function asStation(template: WireChange[], code: string, node: string): WireChange[] {
  const owner = template[0]?.o;
  const ids = new Map<string, string>();
  const id = (v: string) => {
    let m = ids.get(v);
    if (!m) ids.set(v, (m = remapId(code, v)));
    return m;
  };
  return template.map((c) => {
    const f: Record<string, Scalar> = {};
    for (const [k, v] of Object.entries(c.f)) f[k] = typeof v === 'string' && UUID.test(v) ? id(v) : k === 'owner_facility' && v === owner ? code : v;
    return { t: c.t, id: UUID.test(c.id) ? id(c.id) : c.id, o: c.o === owner ? code : c.o, h: c.h.replace(/-[^-]+$/, `-${node}`), f };
  });
}

export async function measureConcurrent(hub: HubProcess, template: WireChange[], count: number, firstCode = 60000): Promise<ConcurrentFigures> {
  const stations: { code: string; credential: string; req: SyncRequest }[] = [];
  for (let i = 0; i < count; i++) {
    const code = String(firstCode + i);
    const node = crypto.createHash('sha1').update(code).digest('hex').slice(0, 16);
    const changes = asStation(template, code, node);
    const credential = await hub.enroll(code);
    stations.push({ code, credential, req: { v: PROTOCOL_VERSION, node, cursor: 0, push: { id: `${node}:1-${changes.length}`, changes } } });
  }
  const bodies = stations.map((s) => zlib.gzipSync(JSON.stringify(s.req), { level: 9 }));
  const url = new URL('/v1/sync', hub.url);
  const failures: string[] = [];
  const t0 = performance.now();
  const latencies = await Promise.all(
    stations.map(async (s, i) => {
      const start = performance.now();
      try {
        const res = await post(url, s.credential, bodies[i]!);
        const accepted = res.ack?.accepted ?? 0;
        if (accepted !== s.req.push!.changes.length) failures.push(`${s.code}: accepted ${accepted}${res.error ? ` (${res.error})` : ''}`);
      } catch (e) {
        failures.push(`${s.code}: ${(e as Error).message}`);
      }
      return performance.now() - start;
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  return { stations: count, rowsPerStation: template.length, wall, latency: stats(latencies), failures, hubRowsPerSecond: (count * template.length) / wall };
}

/** POST a prepared body as main/core/sync/transport.ts does; the answer gunzipped and parsed. */
function post(url: URL, credential: string, body: Buffer): Promise<{ ack?: { accepted: number }; error?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'accept-encoding': 'gzip', authorization: `Bearer ${credential}`, 'content-length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const raw = Buffer.concat(chunks);
            resolve(JSON.parse((res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw).toString('utf8')) as { ack?: { accepted: number } });
          } catch (e) {
            reject(e as Error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
