import { fieldMeta, mergeChange, rowHlc, toWireRow } from '../shared/sync/merge.js';
import type { Rejection, WireChange, WireRow } from '../shared/sync/protocol.js';
import { subjectRef, tableRule } from '../shared/sync/tables.js';
import type { Sql } from './db.js';
import { encodeChanges } from './received.js';
import { keyOf, loadOwners, loadRows, logReceived, saveRows, soleEntry, type HubRow } from './rows.js';
import { hubLock, INGEST_LOCK, ORPHAN_LOCK, type SeqRegistry, type SeqTicket } from './watermark.js';

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
  /** The batch as it came, gzip JSON (a push's request body), for the log; encoded from `changes` when absent. */
  body?: Uint8Array;
}

/**
 * How an ingest runs. `shared`: side by side with other shared ingests (INGEST_LOCK shared, the rows it changes
 * locked); it gives up with `MustRunAlone` when it would change where rows belong. `exclusive`: alone.
 */
export interface IngestMode {
  mode: 'shared' | 'exclusive';
  seqs: SeqRegistry;
  ticket: SeqTicket;
}

/**
 * A shared ingest found that it must run alone: it moves rows between stations' scopes (a person's transfer, a
 * row whose owner or person changes), or the batch before it could not be written side by side. The transaction is
 * rolled back and run again exclusively (so is one that inserted a row another ingest wrote meanwhile: 23505).
 */
export class MustRunAlone extends Error {
  constructor(why: string) {
    super(`ingest must run alone: ${why}`);
  }
}

/**
 * Whether a shared ingest that failed so is run again alone: MustRunAlone, a deadlock (40P01) or serialization
 * failure (40001), or a unique violation (23505: a row it read as absent was inserted meanwhile by another group).
 */
export const isRetryable = (e: unknown): boolean => e instanceof MustRunAlone || ['40P01', '40001', '23505'].includes((e as { code?: string }).code ?? '');

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
 * change, logs the batch (audit), updates the current state, assigns sequence numbers, and moves rows about a
 * person into the scope of the person's new station when the person moves.
 */
export async function ingest(q: Sql, input: IngestInput, how: IngestMode): Promise<IngestOutput> {
  return (await ingestGroup(q, [input], how))[0]!;
}

/**
 * A group of the same stations still being written (their previous batches, pipelined): `keys` are the rows its
 * changes touch; `settled` resolves true once it has committed, false if that attempt failed.
 */
export interface GroupBefore {
  keys: Set<string>;
  settled: Promise<boolean>;
}

/** The row a change's row hangs from for its person (the person, or a parent row), as a key. */
function refOf(t: string, id: string, f: Record<string, unknown>): string | null {
  const ref = subjectRef(t, id, f as never);
  if (!ref) return null;
  return 'person' in ref ? keyOf('persons', ref.person) : keyOf(ref.parent.table, ref.parent.id);
}

/**
 * The keys of the group that depend on `before`: rows it also changes, rows about a person or parent it changes,
 * and (transitively) rows whose parent in this group depends on it. Written once `before` has committed.
 */
function dependentKeys(inputs: IngestInput[], changeKeys: string[][], before: Set<string>): Set<string> {
  const refs = new Map<string, string>();
  const out = new Set<string>();
  for (const [g, input] of inputs.entries()) {
    for (const [i, ch] of input.changes.entries()) {
      const key = changeKeys[g]![i]!;
      const ref = refOf(ch.t, ch.id, ch.f);
      if (ref) refs.set(key, ref);
      if (before.has(key) || (ref && before.has(ref))) out.add(key);
    }
  }
  for (let grew = out.size > 0; grew; ) {
    grew = false;
    for (const [key, ref] of refs) if (!out.has(key) && out.has(ref)) (out.add(key), (grew = true));
  }
  return out;
}

/**
 * `ingest` for several batches at once (several stations' pushes waiting together): applied in order, as if one
 * after the other, with one set of statements for all of them. Rows are shared: each output's `rows` holds the state
 * after the whole group, which is what the hub answers anyway.
 *
 * With `before` (the same stations' previous batches, still being written): the rows that do not depend on them are
 * written first, side by side with them; then, once they have committed, the rest (docs/sync.md, "Pipelined
 * batches"). A station's upload keeps the hub's CPU and the database busy at once this way.
 */
export async function ingestGroup(q: Sql, inputs: IngestInput[], how: IngestMode, before?: GroupBefore): Promise<IngestOutput[]> {
  const shared = how.mode === 'shared';
  await q.query(hubLock(how.mode, INGEST_LOCK));
  // Each change's row key, made once (keys are looked up many times below).
  const changeKeys = inputs.map((input) => input.changes.map((ch) => keyOf(ch.t, ch.id)));
  const later = before ? dependentKeys(inputs, changeKeys, before.keys) : new Set<string>();
  const rows = new Map<string, HubRow>();
  const read = new Set<string>();
  const was = new Map<string, { owner: string; residentOf: string | null; subject: string | null }>();
  const rejected: Rejection[][] = inputs.map(() => []);
  const allDirty: HubRow[] = [];
  const movedPersons: { pid: string; owner: string }[] = [];
  const arrivedPersons: { pid: string; owner: string }[] = [];
  const logged = inputs.filter((i) => i.changes.length > 0);

  /** Reads, merges and writes the rows whose keys `inPhase` accepts. */
  const phase = async (inPhase: (key: string) => boolean) => {
    const keys = new Map<string, [string, string]>();
    inputs.forEach((input, g) => input.changes.forEach((ch, i) => inPhase(changeKeys[g]![i]!) && keys.set(changeKeys[g]![i]!, [ch.t, ch.id])));
    // Side by side, the rows this group changes are locked (in key order: two groups never wait for each other in
    // a circle); alone, nobody else writes.
    for (const [k, r] of await loadRows(q, [...keys.values()], shared)) {
      rows.set(k, r);
      read.add(k);
      was.set(k, { owner: r.owner, residentOf: r.residentOf, subject: r.subject });
    }
    const dirty = new Set<string>();
    inputs.forEach((input, g) => {
      input.changes.forEach((ch, i) => {
        const key = changeKeys[g]![i]!;
        if (!inPhase(key)) return;
        const row = rows.get(key);
        const refusal = authorize(row, ch, input.allowed);
        if (refusal) {
          rejected[g]!.push({ i, code: refusal });
          return;
        }
        const merged = mergeChange(row?.state ?? null, ch, input.origin);
        if (merged.changed.length === 0) return;
        const owner = typeof merged.state.vals.owner_facility === 'string' ? merged.state.vals.owner_facility : (row?.owner ?? ch.o);
        const next: HubRow = row ?? { table: ch.t, id: ch.id, owner, kind: 'own', subject: null, residentOf: null, state: merged.state, hlc: ch.h, seq: 0, scopeSeq: 0 };
        next.owner = owner;
        next.state = merged.state;
        rows.set(key, next);
        dirty.add(key);
      });
    });
    await deriveSubjects(q, rows, dirty);
    const dirtyKeys = [...dirty];
    const dirtyRows = dirtyKeys.map((k) => rows.get(k)!);
    if (shared) {
      const why = mustRunAlone(dirtyRows, was);
      if (why) throw new MustRunAlone(why);
    }
    const seqs = await how.seqs.allocate(q, how.ticket, dirtyRows.length);
    dirtyRows.forEach((row, i) => {
      const seq = seqs[i]!;
      for (const m of Object.values(row.state.meta)) if (m[1] === -1) m[1] = seq;
      row.seq = seq;
      row.hlc = rowHlc(row.state);
      const w = was.get(dirtyKeys[i]!);
      if (!w || w.owner !== row.owner || w.residentOf !== row.residentOf || w.subject !== row.subject) row.scopeSeq = seq;
      if (row.kind === 'person' && !w) arrivedPersons.push({ pid: row.id, owner: row.owner });
      else if (row.kind === 'person' && w!.owner !== row.owner) movedPersons.push({ pid: row.id, owner: row.owner });
    });
    // A row read as absent but inserted meanwhile by a group side by side fails the insert (23505): merged again, alone.
    await saveRows(q, { fresh: dirtyRows.filter((_, i) => !read.has(dirtyKeys[i]!)), known: dirtyRows.filter((_, i) => read.has(dirtyKeys[i]!)) });
    allDirty.push(...dirtyRows);
  };

  await phase((k) => !later.has(k));
  if (later.size > 0) {
    if (!(await before!.settled)) throw new MustRunAlone('the batch before could not be written side by side');
    await phase((k) => later.has(k));
  }
  // Numbered last: a batch that depends on an earlier one is logged after it, so it is forwarded upstream after it.
  const logSeqs = await how.seqs.allocate(q, how.ticket, logged.length);
  const outputs = inputs.map((input, g): IngestOutput => ({ accepted: input.changes.length - rejected[g]!.length, rejected: rejected[g]!.sort((a, b) => a.i - b.i), rows }));
  await logReceived(
    q,
    logged.map((input, k) => ({
      seq: logSeqs[k]!,
      batch_id: input.batchId,
      from_facility: input.from,
      origin: input.origin,
      upstream: input.upstream,
      changes: input.changes.length,
      rejected: outputs[inputs.indexOf(input)]!.rejected.map((r) => r.i),
      body: input.body ?? encodeChanges(input.changes),
    })),
  );
  if (movedPersons.length > 0) {
    // Facts about a person follow the person into the new station's scope (they are sent whole). Runs alone.
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
  await settleOrphans(q, allDirty, arrivedPersons);
  return outputs;
}

/**
 * Facts about a person the hub does not know yet are stored without a station (resident_of NULL: an orphan, index
 * rows_orphans) and get one when the person arrives. Groups side by side must not miss each other here: a group
 * that stores orphans takes ORPHAN_LOCK shared, one that brings persons takes it exclusively, each just before
 * committing. Whichever comes second sees the other's rows: an arrival finds the orphans committed before it, and
 * orphans look again for their persons, which may have arrived since they were read.
 */
async function settleOrphans(q: Sql, dirtyRows: HubRow[], arrived: { pid: string; owner: string }[]): Promise<void> {
  const waiting = new Set<string>();
  for (const r of dirtyRows) if (r.kind !== 'person' && r.subject !== null && r.residentOf === null) waiting.add(r.subject);
  if (arrived.length === 0 && waiting.size === 0) return;
  await q.query(hubLock(arrived.length > 0 ? 'exclusive' : 'shared', ORPHAN_LOCK));
  const adopt = [...arrived];
  if (waiting.size > 0) {
    for (const [k, p] of await loadOwners(q, [...waiting].map((pid) => ['persons', pid] as [string, string]))) adopt.push({ pid: k.slice(k.indexOf('\u0000') + 1), owner: p.owner });
  }
  if (adopt.length === 0) return;
  // Through rows_orphans, one probe per person (usually none there). A check for "any orphan at all" was a scan of
  // the table once orphans lay behind the bulk of it.
  await q.query(
    `UPDATE rows r SET resident_of = s.owner, seq = s.n, scope_seq = s.n
       FROM (SELECT r2.table_name, r2.row_id, x.owner, nextval('change_seq') AS n
               FROM unnest($1::text[], $2::text[]) AS x(pid, owner) JOIN rows r2 ON r2.subject = x.pid
              WHERE r2.resident_of IS NULL AND r2.subject IS NOT NULL AND r2.table_name <> 'persons'
              ORDER BY r2.seq) s
      WHERE r.table_name = s.table_name AND r.row_id = s.row_id`,
    [adopt.map((a) => a.pid), adopt.map((a) => a.owner)],
  );
}

/**
 * Why a group cannot run side by side with others, or null. A scope change (a row changing owner, person or
 * station) must see, and be seen by, every other write: the rows about a moving person are found by a query, not
 * locked one by one, and rows whose parent moves would otherwise keep the old station.
 */
function mustRunAlone(dirtyRows: HubRow[], before: Map<string, { owner: string; residentOf: string | null; subject: string | null }>): string | null {
  for (const row of dirtyRows) {
    const was = before.get(keyOf(row.table, row.id));
    if (was && (was.owner !== row.owner || was.subject !== row.subject || was.residentOf !== row.residentOf)) return `${row.table} ${row.id} changes scope`;
  }
  return null;
}

/** Sets kind, subject (person) and resident_of (the person's station) of changed rows. */
async function deriveSubjects(q: Sql, rows: Map<string, HubRow>, dirty: Set<string>): Promise<void> {
  // Parents and persons outside the batch are looked up for their owner and subject only (not their values).
  const other = new Map<string, { owner: string; subject: string | null }>();
  const known = (key: string) => rows.get(key) ?? other.get(key);
  const parents = new Map<string, [string, string]>();
  const refs: { row: HubRow; ref: ReturnType<typeof subjectRef>; parentKey: string | null }[] = [];
  for (const key of dirty) {
    const row = rows.get(key)!;
    row.kind = tableRule(row.table, row.state.vals).kind;
    const ref = subjectRef(row.table, row.id, row.state.vals);
    const parent = ref && 'parent' in ref ? ref.parent : null;
    const parentKey = parent ? keyOf(parent.table, parent.id) : null;
    if (parent && parentKey && !rows.has(parentKey)) parents.set(parentKey, [parent.table, parent.id]);
    refs.push({ row, ref, parentKey });
  }
  for (const [k, r] of await loadOwners(q, [...parents.values()])) other.set(k, r);
  const persons = new Set<string>();
  for (const { row, ref, parentKey } of refs) {
    row.subject = !ref ? null : 'person' in ref ? ref.person : (known(parentKey!)?.subject ?? null);
    if (row.subject && row.kind !== 'person' && !rows.has(keyOf('persons', row.subject))) persons.add(row.subject);
  }
  for (const [k, r] of await loadOwners(q, [...persons].map((p) => ['persons', p] as [string, string]))) other.set(k, r);
  for (const { row } of refs) {
    if (row.kind === 'person') row.residentOf = row.owner;
    else row.residentOf = row.subject ? (known(keyOf('persons', row.subject))?.owner ?? null) : null;
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
    const key = keyOf(ch.t, ch.id);
    const row = rows.get(key);
    if (!row) return;
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
