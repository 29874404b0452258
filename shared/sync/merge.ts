import type { Scalar, WireChange, WireRow } from './protocol.js';

/**
 * Per-field last-writer-wins (docs/sync.md). A row's state keeps, per field, the clock of the change that set it,
 * the hub sequence number at which it was set and the replica (origin) it came from. To stay small, `meta['']`
 * is the default entry for every field present in `vals` without an entry of its own (a row inserted in one
 * change needs one entry). The clock is an HLC string: string order is clock order, ties are broken by the node
 * id inside the stamp, so two replicas that saw the same changes pick the same winner.
 */
export type FieldMeta = [hlc: string, seq: number, origin: string];

export interface RowState {
  vals: Record<string, Scalar>;
  meta: Record<string, FieldMeta>;
}

export function fieldMeta(state: RowState, col: string): FieldMeta | undefined {
  const own = state.meta[col];
  if (own) return own;
  return Object.prototype.hasOwnProperty.call(state.vals, col) ? state.meta[''] : undefined;
}

/** Newest clock among the row's fields. */
export function rowHlc(state: RowState): string {
  let best = '';
  for (const m of Object.values(state.meta)) if (m[0] > best) best = m[0];
  return best;
}

/**
 * Merges one change into a row state (creating it when null). Returns the state and the fields that changed.
 * A field is taken when the change's clock is newer than the field's; an equal clock is the same change seen
 * again (replay) and changes nothing. `seq` is a placeholder the caller replaces with the sequence it assigns.
 */
export function mergeChange(state: RowState | null, change: Pick<WireChange, 'h' | 'f'>, origin: string, seq = -1): { state: RowState; changed: string[] } {
  const cols = Object.keys(change.f).filter((c) => c !== 'id' && c !== 'hlc');
  if (!state) {
    const vals: Record<string, Scalar> = {};
    for (const c of cols) vals[c] = change.f[c]!;
    return { state: { vals, meta: { '': [change.h, seq, origin] } }, changed: cols };
  }
  const changed: string[] = [];
  // One entry for every field this change sets: the hub stores a clock shared by several fields once.
  const entry: FieldMeta = [change.h, seq, origin];
  for (const c of cols) {
    const current = fieldMeta(state, c);
    if (current && current[0] >= change.h) continue;
    state.vals[c] = change.f[c]!;
    state.meta[c] = entry;
    changed.push(c);
  }
  return { state, changed };
}

/** Splits a row received from a hub into changes, one per distinct clock, so it merges like pushed changes. */
export function rowToChanges(row: WireRow, owner: string): WireChange[] {
  const byClock = new Map<string, Record<string, Scalar>>();
  for (const [col, value] of Object.entries(row.f)) {
    const h = row.c?.[col] ?? row.h;
    let f = byClock.get(h);
    if (!f) byClock.set(h, (f = {}));
    f[col] = value;
  }
  return [...byClock.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([h, f]) => ({ t: row.t, id: row.id, o: owner, h, f }));
}

/** A row (or some of its fields) in wire form, with per-field clocks that differ from the newest. */
export function toWireRow(table: string, id: string, state: RowState, cols: string[] | null): WireRow {
  const take = cols ?? Object.keys(state.vals);
  const f: Record<string, Scalar> = {};
  const clocks: Record<string, string> = {};
  let h = '';
  for (const c of take) {
    if (!Object.prototype.hasOwnProperty.call(state.vals, c)) continue;
    f[c] = state.vals[c]!;
    const m = fieldMeta(state, c);
    clocks[c] = m ? m[0] : '';
    if (clocks[c]! > h) h = clocks[c]!;
  }
  const c: Record<string, string> = {};
  for (const [col, clock] of Object.entries(clocks)) if (clock !== h && clock) c[col] = clock;
  const row: WireRow = { t: table, id, h, f };
  if (Object.keys(c).length > 0) row.c = c;
  if (!cols) row.full = 1;
  return row;
}
