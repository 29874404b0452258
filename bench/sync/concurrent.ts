import crypto from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';
import type { HubProcess } from '../../main/core/sync/testing-hub.js';
import { PROTOCOL_VERSION, type Scalar, type SyncRequest, type WireChange } from '../../shared/sync/protocol.js';
import { subjectRef } from '../../shared/sync/tables.js';
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
 *
 * Before the clock starts, each station's residents that its day refers to (the people it examined, registered on
 * earlier days) are pushed to the hub, as its earlier syncs would have: a day's visits are about people the hub
 * knows, not facts waiting for a person it has never seen.
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

/**
 * Persons the day refers to without creating them, as changes made on an earlier day (clock one day before the
 * day's first change): what the hub holds about the station's residents before that day.
 */
export function earlierResidents(template: WireChange[]): WireChange[] {
  const created = new Set(template.filter((c) => c.t === 'persons').map((c) => c.id));
  const owner = template[0]?.o ?? '';
  const first = template.reduce((min, c) => (c.h < min ? c.h : min), template[0]?.h ?? '');
  const node = first.slice(first.lastIndexOf('-') + 1);
  const earlier = (Number.parseInt(first.slice(0, 15), 16) - 86_400_000).toString(16).padStart(15, '0');
  const out: WireChange[] = [];
  const seen = new Set<string>();
  for (const c of template) {
    const ref = subjectRef(c.t, c.id, c.f);
    if (!ref || !('person' in ref) || created.has(ref.person) || seen.has(ref.person)) continue;
    seen.add(ref.person);
    out.push({ t: 'persons', id: ref.person, o: owner, h: `${earlier}-${out.length.toString(16).padStart(4, '0')}-${node}`, f: { owner_facility: owner, deleted: 0, full_name: `Người dân ${out.length + 1}` } });
  }
  return out;
}

export async function measureConcurrent(hub: HubProcess, template: WireChange[], count: number, firstCode = 60000): Promise<ConcurrentFigures> {
  const url = new URL('/v1/sync', hub.url);
  const stations: { code: string; credential: string; req: SyncRequest }[] = [];
  const residentsOfDay = earlierResidents(template);
  for (let i = 0; i < count; i++) {
    const code = String(firstCode + i);
    const node = crypto.createHash('sha1').update(code).digest('hex').slice(0, 16);
    const changes = asStation(template, code, node);
    const credential = await hub.enroll(code);
    // The same ids as in its day: asStation maps an id the same way for the same station.
    const residents = asStation(residentsOfDay, code, node);
    // Its day's sync starts from where its earlier one ended, as a station's does.
    let cursor = 0;
    if (residents.length > 0) {
      const res = await post(url, credential, zlib.gzipSync(JSON.stringify({ v: PROTOCOL_VERSION, node, cursor: 0, push: { id: `${node}:0-${residents.length}`, changes: residents } } satisfies SyncRequest)));
      if (res.ack?.accepted !== residents.length) throw new Error(`station ${code}: its residents were not taken (${res.error ?? 'no acknowledgement'})`);
      cursor = res.to ?? 0;
      for (let more = res.more === true; more; ) {
        const page = await post(url, credential, zlib.gzipSync(JSON.stringify({ v: PROTOCOL_VERSION, node, cursor } satisfies SyncRequest)));
        if (page.to === undefined) throw new Error(`station ${code}: pull refused (${page.error ?? 'no cursor'})`);
        cursor = page.to;
        more = page.more === true;
      }
    }
    stations.push({ code, credential, req: { v: PROTOCOL_VERSION, node, cursor, push: { id: `${node}:1-${changes.length}`, changes } } });
  }
  const bodies = stations.map((s) => zlib.gzipSync(JSON.stringify(s.req), { level: 9 }));
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
function post(url: URL, credential: string, body: Buffer): Promise<{ ack?: { accepted: number }; to?: number; more?: boolean; error?: string }> {
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
