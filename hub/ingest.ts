import { fieldMeta, mergeChange, rowHlc, toWireRow } from '../shared/sync/merge.js';
import type { Rejection, WireChange, WireRow } from '../shared/sync/protocol.js';
import { subjectRef, tableRule } from '../shared/sync/tables.js';
import type { Sql } from './db.js';
import { keyOf, loadOwners, loadRows, nextSeqs, saveRows, soleEntry, type HubRow, type VersionRow } from './rows.js';

/** Held by every transaction that assigns sequence numbers, so sequence order is commit order (docs/sync.md). */
export const INGEST_LOCK = 7007002;

export interface IngestInput {
  batchId: string;
  /** Facility that delivered the changes (the caller, or the upstream hub). */
  from: string;
  /** Replica the values come from (caller's node id); a node is not sent its own values back. */
  origin: string;
  /** Pulled from the upstream hub: stored, never pushed back up. */
  upstream: boolean;
  changes: WireChange[];
  /** Facilities the caller may write for; null for trusted sources (upstream hub, the hub itself). */
  allowed: Set<string> | null;
}

export interface IngestOutput {
  accepted: number;
  rejected: Rejection[];
  rows: Map<string, HubRow>;
}

function authorize(row: HubRow | undefined, ch: WireChange, allowed: Set<string> | null): Rejection['code'] | null {
  if (!allowed) return null;
  if (!allowed.has(ch.o)) return 'NOT_OWNER';
  if (row && row.owner !== ch.o) {
    // Written by a former owner: accepted only if it predates the move of ownership.
    const moved = fieldMeta(row.state, 'owner_facility');
    if (!moved || ch.h >= moved[0]) return row.owner && allowed.has(row.owner) ? null : 'MOVED';
  }
  return null;
}

/**
 * Applies a batch of changes under per-field last-writer-wins, inside the caller's transaction: authorizes each
 * change, keeps every accepted version (audit), updates the current state, assigns sequence numbers, and moves
 * rows about a person into the scope of the person's new station when the person moves.
 */
export async function ingest(q: Sql, input: IngestInput): Promise<IngestOutput> {
  return (await ingestGroup(q, [input]))[0]!;
}

/**
 * `ingest` for several batches at once (several stations' pushes waiting for the ingest lock): applied in order, as
 * if one after the other, with one set of statements for all of them. Rows are shared: each output's `rows` holds
 * the state after the whole group, which is what the hub answers anyway.
 */
export async function ingestGroup(q: Sql, inputs: IngestInput[]): Promise<IngestOutput[]> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
  return commitGroup(q, await prepareGroup(q, inputs), false);
}

/** A group merged in memory, not yet written (`prepareGroup`), with the sequence number of each row it read. */
export interface PreparedGroup {
  inputs: IngestInput[];
  rows: Map<string, HubRow>;
  /** Sequence of every row read, null when absent: whether the rows are still as read. */
  read: Map<string, number | null>;
  before: Map<string, { owner: string; residentOf: string | null; subject: string | null }>;
  dirty: Set<string>;
  versions: VersionRow[];
  fromVersion: Map<string, number>;
  outputs: IngestOutput[];
}

/**
 * First half of an ingest, which needs no lock: reads the rows the changes touch and merges the changes in memory.
 * The hub runs it for the next group while the previous one is being written (`commitGroup` then checks that
 * nothing it read has changed meanwhile). Every write to `rows` holds the ingest lock, so a row unchanged since it
 * was read (same sequence number) is still as read.
 */
export async function prepareGroup(q: Sql, inputs: IngestInput[]): Promise<PreparedGroup> {
  const keys = new Map<string, [string, string]>();
  for (const input of inputs) for (const ch of input.changes) keys.set(keyOf(ch.t, ch.id), [ch.t, ch.id]);
  const rows = await loadRows(q, [...keys.values()]);
  const read = new Map<string, number | null>([...keys.keys()].map((k) => [k, rows.get(k)?.seq ?? null]));
  const before = new Map([...rows].map(([k, r]) => [k, { owner: r.owner, residentOf: r.residentOf, subject: r.subject }]));
  const dirty = new Set<string>();
  const versions: VersionRow[] = [];
  const fromVersion = new Map<string, number>();

  const outputs = inputs.map((input, g): IngestOutput => {
    const rejected: Rejection[] = [];
    input.changes.forEach((ch, i) => {
      const key = keyOf(ch.t, ch.id);
      const row = rows.get(key);
      const refusal = authorize(row, ch, input.allowed);
      if (refusal) {
        rejected.push({ i, code: refusal });
        return;
      }
      const n = versions.length;
      versions.push({ n, g, t: ch.t, id: ch.id, o: ch.o, h: ch.h, f: ch.f });
      const merged = mergeChange(row?.state ?? null, ch, input.origin);
      if (merged.changed.length === 0) return;
      // A row made by exactly one change has that change's fields as values: stored from the version (saveRows).
      if (!row && !('id' in ch.f) && !('hlc' in ch.f)) fromVersion.set(key, n);
      else fromVersion.delete(key);
      const owner = typeof merged.state.vals.owner_facility === 'string' ? merged.state.vals.owner_facility : (row?.owner ?? ch.o);
      const next: HubRow = row ?? { table: ch.t, id: ch.id, owner, kind: 'own', subject: null, residentOf: null, state: merged.state, hlc: ch.h, seq: 0, scopeSeq: 0 };
      next.owner = owner;
      next.state = merged.state;
      rows.set(key, next);
      dirty.add(key);
    });
    return { accepted: input.changes.length - rejected.length, rejected, rows };
  });
  return { inputs, rows, read, before, dirty, versions, fromVersion, outputs };
}

/**
 * Second half, under the ingest lock (taken by the caller): when `check`, makes sure the rows are still as
 * `prepareGroup` read them (else merges again, now under the lock); then finds the rows' persons and stations,
 * numbers them and writes versions and rows.
 */
export async function commitGroup(q: Sql, prepared: PreparedGroup, check: boolean): Promise<IngestOutput[]> {
  if (check && !(await unchanged(q, prepared.read))) prepared = await prepareGroup(q, prepared.inputs);
  const { inputs, rows, before, dirty, versions, fromVersion, outputs } = prepared;
  await deriveSubjects(q, rows, dirty);
  const dirtyRows = [...dirty].map((k) => rows.get(k)!);
  const seqs = await nextSeqs(q, dirtyRows.length);
  const movedPersons: { pid: string; owner: string }[] = [];
  const arrivedPersons: { pid: string; owner: string }[] = [];
  dirtyRows.forEach((row, i) => {
    const seq = seqs[i]!;
    for (const m of Object.values(row.state.meta)) if (m[1] === -1) m[1] = seq;
    row.seq = seq;
    row.hlc = rowHlc(row.state);
    const was = before.get(keyOf(row.table, row.id));
    if (!was || was.owner !== row.owner || was.residentOf !== row.residentOf || was.subject !== row.subject) row.scopeSeq = seq;
    if (row.kind === 'person' && !was) arrivedPersons.push({ pid: row.id, owner: row.owner });
    else if (row.kind === 'person' && was!.owner !== row.owner) movedPersons.push({ pid: row.id, owner: row.owner });
  });

  if (versions.length > 0) {
    const groups = inputs.map((i) => ({ batch_id: i.batchId, from_facility: i.from, origin: i.origin, upstream: i.upstream }));
    await saveRows(q, dirtyRows, { groups, versions, fromVersion });
  }
  if (movedPersons.length > 0) {
    // Facts about a person follow the person into the new station's scope (they are sent whole).
    await q.query(
      `UPDATE rows r SET resident_of = s.owner, seq = s.n, scope_seq = s.n
         FROM (SELECT r2.table_name, r2.row_id, x.owner, nextval('change_seq') AS n
                 FROM rows r2 JOIN jsonb_to_recordset($1::jsonb) AS x(pid text, owner text) ON r2.subject = x.pid
                WHERE r2.table_name <> 'persons' AND r2.resident_of IS DISTINCT FROM x.owner
                ORDER BY r2.seq) s
        WHERE r.table_name = s.table_name AND r.row_id = s.row_id`,
      [JSON.stringify(movedPersons)],
    );
  }
  // A person new to the hub: facts about them stored before they arrived have no station yet (resident_of NULL,
  // index rows_orphans, usually empty). Looking only there keeps this cheap on an initial upload.
  if (arrivedPersons.length > 0 && (await q.query('SELECT 1 FROM rows WHERE resident_of IS NULL AND subject IS NOT NULL LIMIT 1')).length > 0) {
    await q.query(
      `UPDATE rows r SET resident_of = s.owner, seq = s.n, scope_seq = s.n
         FROM (SELECT r2.table_name, r2.row_id, x.owner, nextval('change_seq') AS n
                 FROM rows r2 JOIN jsonb_to_recordset($1::jsonb) AS x(pid text, owner text) ON r2.subject = x.pid
                WHERE r2.resident_of IS NULL AND r2.subject IS NOT NULL AND r2.table_name <> 'persons'
                ORDER BY r2.seq) s
        WHERE r.table_name = s.table_name AND r.row_id = s.row_id`,
      [JSON.stringify(arrivedPersons)],
    );
  }
  return outputs;
}

/** Whether every row is as it was read (same sequence number, or still absent). */
async function unchanged(q: Sql, read: Map<string, number | null>): Promise<boolean> {
  if (read.size === 0) return true;
  const now = await q.query<{ table_name: string; row_id: string; seq: number }>(
    'SELECT r.table_name, r.row_id, r.seq FROM rows r JOIN jsonb_to_recordset($1::jsonb) AS x(t text, id text) ON r.table_name = x.t AND r.row_id = x.id',
    [JSON.stringify([...read.keys()].map((k) => ({ t: k.slice(0, k.indexOf('\u0000')), id: k.slice(k.indexOf('\u0000') + 1) })))],
  );
  let present = 0;
  for (const r of now) {
    present++;
    if (read.get(keyOf(r.table_name, r.row_id)) !== Number(r.seq)) return false;
  }
  // A row read as absent that exists now.
  return present === [...read.values()].filter((v) => v !== null).length;
}

/** Sets kind, subject (person) and resident_of (the person's station) of changed rows. */
async function deriveSubjects(q: Sql, rows: Map<string, HubRow>, dirty: Set<string>): Promise<void> {
  // Parents and persons outside the batch are looked up for their owner and subject only (not their values).
  const known = (table: string, id: string) => rows.get(keyOf(table, id)) ?? other.get(keyOf(table, id));
  const other = new Map<string, { owner: string; subject: string | null }>();
  const parents = new Map<string, [string, string]>();
  for (const key of dirty) {
    const row = rows.get(key)!;
    row.kind = tableRule(row.table, row.state.vals).kind;
    const ref = subjectRef(row.table, row.id, row.state.vals);
    if (ref && 'parent' in ref && !rows.has(keyOf(ref.parent.table, ref.parent.id))) parents.set(keyOf(ref.parent.table, ref.parent.id), [ref.parent.table, ref.parent.id]);
  }
  for (const [k, r] of await loadOwners(q, [...parents.values()])) other.set(k, r);
  const persons = new Set<string>();
  for (const key of dirty) {
    const row = rows.get(key)!;
    const ref = subjectRef(row.table, row.id, row.state.vals);
    row.subject = !ref ? null : 'person' in ref ? ref.person : (known(ref.parent.table, ref.parent.id)?.subject ?? null);
    if (row.subject && row.kind !== 'person' && !rows.has(keyOf('persons', row.subject))) persons.add(row.subject);
  }
  for (const [k, r] of await loadOwners(q, [...persons].map((p) => ['persons', p] as [string, string]))) other.set(k, r);
  for (const key of dirty) {
    const row = rows.get(key)!;
    if (row.kind === 'person') row.residentOf = row.owner;
    else row.residentOf = row.subject ? (known('persons', row.subject)?.owner ?? null) : null;
  }
}

/**
 * What the caller must correct after its batch: for each accepted change, the fields where another change won
 * (current value and clock); for each refused change, the hub's whole row when the caller may see it.
 */
export function corrections(
  changes: WireChange[],
  rejected: Rejection[],
  rows: Map<string, HubRow>,
  node: string,
  visible: (row: HubRow) => boolean,
): WireRow[] {
  const refused = new Set(rejected.map((r) => r.i));
  const lost = new Map<string, { row: HubRow; cols: Set<string> | null }>();
  changes.forEach((ch, i) => {
    const row = rows.get(keyOf(ch.t, ch.id));
    if (!row) return;
    const key = keyOf(ch.t, ch.id);
    if (refused.has(i)) {
      if (visible(row)) lost.set(key, { row, cols: null });
      return;
    }
    const entry = lost.get(key) ?? { row, cols: new Set<string>() };
    if (!entry.cols) return;
    // Every field still has this change's clock (a row this change made, most of an upload): nothing lost.
    if (soleEntry(row.state.meta)?.[0] === ch.h) return;
    for (const col of Object.keys(ch.f)) {
      const m = fieldMeta(row.state, col);
      // A later change from the caller itself is not a loss: the caller has it.
      if (col !== 'id' && col !== 'hlc' && m && m[0] !== ch.h && m[2] !== node) entry.cols.add(col);
    }
    if (entry.cols.size > 0) lost.set(key, entry);
  });
  return [...lost.values()].map(({ row, cols }) => toWireRow(row.table, row.id, row.state, cols ? [...cols] : null));
}
