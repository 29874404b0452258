import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatHlc } from '../../../shared/hlc.js';
import type { SyncResponse } from '../../../shared/sync/protocol.js';
import { hamlets } from '../setup/schema.js';
import { createTestStation, setUpStation, type TestStation } from '../testing/station.js';
import { applyResponse, buildRequest } from './client.js';
import { SyncScheduler } from './scheduler.js';
import { SyncState } from './state.js';

let t: TestStation;
beforeEach(async () => {
  t = createTestStation();
  await setUpStation(t);
});
afterEach(() => t.cleanup());

const DAY = 86_400_000;
const answer = (over: Partial<SyncResponse>): SyncResponse => ({ v: 1, facility: '01234', hub: '40100', hlc: formatHlc({ wallMs: Date.parse('2026-03-15T08:00:00Z'), counter: 0, node: 'hub' }), fix: [], rows: [], from: 0, to: 10, more: false, ...over });
const hamlet = (id: string) => t.station.sqlite.prepare('SELECT name, note, hlc FROM hamlets WHERE id = ?').get(id) as { name: string; note: string | null; hlc: string };

describe('applying what the hub sends', () => {
  it('never overwrites a field with an unsent local change, but takes the other fields', () => {
    const { station } = t;
    const row = station.sqlite.transaction(() => station.writer.insert(hamlets, { name: 'Thôn Cũ', sort: 9 }))();
    const state = new SyncState(station.sqlite);
    buildRequest(station, state, true); // everything so far is in flight …
    applyResponse(station, null, answer({ ack: { id: state.batch!.id, accepted: 5, rejected: [] }, to: 0 })); // … and acknowledged
    station.sqlite.transaction(() => station.writer.update(hamlets, row.id, { name: 'Thôn Mới (chưa gửi)' }))();
    const remote = formatHlc({ wallMs: Date.parse('2026-03-20T08:00:00Z'), counter: 0, node: 'other' });
    applyResponse(station, null, answer({ from: 0, to: 20, rows: [{ t: 'hamlets', id: row.id, h: remote, f: { name: 'Tên từ tuyến trên', note: 'ghi chú' } }] }));
    expect(hamlet(row.id)).toMatchObject({ name: 'Thôn Mới (chưa gửi)', note: 'ghi chú' });
    // Once that change is acknowledged, the hub's answer (the winner) is taken.
    const sent = buildRequest(station, state, true).sent!;
    applyResponse(station, sent.batch, answer({ from: 20, to: 21, ack: { id: sent.batch.id, accepted: 1, rejected: [] }, fix: [{ t: 'hamlets', id: row.id, h: remote, f: { name: 'Tên từ tuyến trên' } }] }));
    expect(hamlet(row.id).name).toBe('Tên từ tuyến trên');
    expect(new SyncState(station.sqlite).cursor).toBe(21);
  });

  it('ignores a page older than what the station has (a late or re-imported answer), and moves the clock past remote stamps', () => {
    const { station } = t;
    const row = station.sqlite.transaction(() => station.writer.insert(hamlets, { name: 'Thôn A', sort: 9 }))();
    const h1 = formatHlc({ wallMs: Date.parse('2026-03-15T08:00:00Z') + DAY, counter: 0, node: 'fast' });
    station.sqlite.prepare('UPDATE change_log SET acked_at = ?').run('2026-03-15');
    applyResponse(station, null, answer({ from: 0, to: 30, rows: [{ t: 'hamlets', id: row.id, h: h1, f: { name: 'Mới nhất' } }] }));
    applyResponse(station, null, answer({ from: 0, to: 25, rows: [{ t: 'hamlets', id: row.id, h: h1, f: { name: 'Cũ hơn' } }] }));
    expect(hamlet(row.id).name).toBe('Mới nhất');
    // A station clock a day behind still stamps its next change after the day-fast stamp it received.
    const next = station.sqlite.transaction(() => station.writer.update(hamlets, row.id, { note: 'sau' }))();
    expect(next.hlc > h1).toBe(true);
  });

  it('creates a missing row only from a whole row, and asks for the rest next time', () => {
    const { station } = t;
    const h = formatHlc({ wallMs: 1, counter: 0, node: 'x' });
    applyResponse(station, null, answer({ rows: [{ t: 'hamlets', id: 'h-partial', h, f: { note: 'một phần' } }] }));
    expect(station.sqlite.prepare("SELECT count(*) AS n FROM hamlets WHERE id = 'h-partial'").get()).toEqual({ n: 0 });
    expect(new SyncState(station.sqlite).refetch).toEqual([['hamlets', 'h-partial']]);
    expect(buildRequest(station, new SyncState(station.sqlite), false).req.refetch).toEqual([['hamlets', 'h-partial']]);
  });
});

describe('background schedule', () => {
  it('backs off exponentially while the hub is unreachable, then returns to the period', async () => {
    vi.useFakeTimers();
    try {
      let ok = false;
      const calls: number[] = [];
      const s = new SyncScheduler(async () => (calls.push(Date.now()), ok), { startDelayMs: 1000, debounceMs: 5000, periodMs: 600_000, minBackoffMs: 15_000, maxBackoffMs: 60_000 });
      s.start();
      await vi.advanceTimersByTimeAsync(1000);
      for (const wait of [15_000, 30_000, 60_000, 60_000]) await vi.advanceTimersByTimeAsync(wait);
      expect(calls.length).toBe(5);
      expect(calls.slice(1).map((c, i) => c - calls[i]!)).toEqual([15_000, 30_000, 60_000, 60_000]);
      s.notifyChange(); // offline: a change does not hammer the hub
      ok = true;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(s.consecutiveFailures).toBe(0);
      s.notifyChange();
      await vi.advanceTimersByTimeAsync(5000);
      expect(calls.length).toBe(7);
      s.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
