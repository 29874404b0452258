import type { ProcedureOutput, ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { ImmSession } from '../../../shared/contract/immunization.js';
import { AppError } from '../../../shared/errors.js';
import { addDays } from '../../../shared/immunization/dates.js';
import { vaccineNeed } from '../../../shared/immunization/need.js';
import { vaccineInfo, vaccineName } from '../../../shared/immunization/vaccines.js';
import type { HandlerContext } from '../dispatch/types.js';
import type { Station } from '../station.js';
import { refuseOne, refuseState, userName } from './common.js';
import { computeDue, dueListView } from './due.js';
import { hamletNames } from './repo.js';
import { immSessions } from './schema.js';
import { allLots } from './stock.js';

/** Immunization sessions: planning (date, place, hamlets), the due list, the vaccine need. */

export type SessionRow = typeof immSessions.$inferSelect;

export function liveSession(ctx: HandlerContext, id: string): SessionRow {
  const row = ctx.write.get(immSessions, id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND');
  return row;
}

export function sessionHamlets(row: SessionRow): string[] {
  try {
    const v = JSON.parse(row.hamletIds) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function counts(station: Station, ids: readonly string[]) {
  const out = new Map<string, ImmSession['counts']>();
  if (ids.length === 0) return out;
  const rows = station.sqlite
    .prepare(
      `SELECT s.value AS id,
         (SELECT COUNT(*) FROM imm_attendance a WHERE a.session_id = s.value AND a.deleted = 0) AS checkedIn,
         (SELECT COUNT(DISTINCT d.person_id) FROM imm_doses d WHERE d.session_id = s.value AND d.deleted = 0 AND d.voided_at IS NULL) AS vaccinated,
         (SELECT COUNT(*) FROM imm_doses d WHERE d.session_id = s.value AND d.deleted = 0 AND d.voided_at IS NULL) AS doses,
         (SELECT COUNT(*) FROM imm_aefi e WHERE e.session_id = s.value AND e.deleted = 0) AS aefi,
         (SELECT COUNT(*) FROM imm_aefi e WHERE e.session_id = s.value AND e.deleted = 0 AND e.severity = 'serious') AS seriousAefi
       FROM json_each(?) s`,
    )
    .all(JSON.stringify(ids)) as (ImmSession['counts'] & { id: string })[];
  for (const { id, ...c } of rows) out.set(id, c);
  return out;
}

export function sessionViews(station: Station, rows: readonly SessionRow[]): ImmSession[] {
  const names = hamletNames(station.sqlite);
  const c = counts(
    station,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const hamletIds = sessionHamlets(r);
    return {
      id: r.id,
      date: r.sessionDate,
      place: r.place,
      hamletIds,
      hamletNames: hamletIds.map((h) => names.get(h)?.name ?? '?'),
      status: r.status,
      note: r.note,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
      counts: c.get(r.id) ?? { checkedIn: 0, vaccinated: 0, doses: 0, aefi: 0, seriousAefi: 0 },
    };
  });
}

function checkHamlets(ctx: HandlerContext, ids: readonly string[]): string[] {
  const known = hamletNames(ctx.station.sqlite);
  ids.forEach((id, i) => {
    if (!known.has(id)) refuseOne(ctx, `hamletIds.${i}`, 'v.immSessionHamlet');
  });
  return [...new Set(ids)];
}

export function createSession(ctx: HandlerContext, input: ProcedureParsedInput<'imm.createSession'>): ImmSession {
  const hamletIds = checkHamlets(ctx, input.hamletIds);
  const row = ctx.write.insert(immSessions, {
    sessionDate: input.date,
    place: input.place,
    hamletIds: JSON.stringify(hamletIds),
    status: 'planned',
    note: input.note || null,
    createdBy: userName(ctx),
    createdAt: ctx.now.toISOString(),
  });
  ctx.audit({ kind: 'change', action: 'imm.createSession', entity: 'imm_sessions', entityId: row.id, details: { date: input.date, hamlets: hamletIds.length } });
  return sessionViews(ctx.station, [row])[0]!;
}

export function updateSession(ctx: HandlerContext, input: ProcedureParsedInput<'imm.updateSession'>): ImmSession {
  const row = liveSession(ctx, input.id);
  if (row.status === 'closed' && input.status !== 'open') refuseState(ctx, 'imm.state.sessionClosed');
  const patch: Partial<SessionRow> = {};
  if (input.date) patch.sessionDate = input.date;
  if (input.place) patch.place = input.place;
  if (input.hamletIds) patch.hamletIds = JSON.stringify(checkHamlets(ctx, input.hamletIds));
  if (input.note !== undefined) patch.note = input.note || null;
  if (input.status) {
    patch.status = input.status;
    patch.closedAt = input.status === 'closed' ? ctx.now.toISOString() : null;
  }
  const updated = ctx.write.update(immSessions, row.id, patch);
  ctx.audit({ kind: 'change', action: 'imm.updateSession', entity: 'imm_sessions', entityId: row.id, details: { status: input.status ?? row.status } });
  return sessionViews(ctx.station, [updated])[0]!;
}

export function listSessions(ctx: HandlerContext, input: ProcedureParsedInput<'imm.sessions'>): ImmSession[] {
  const from = input.from ?? addDays(ctx.today, -60);
  const rows = ctx.station.sqlite
    .prepare(
      `SELECT id FROM imm_sessions WHERE deleted = 0 AND session_date >= @from AND (@to IS NULL OR session_date <= @to) ORDER BY session_date DESC, created_at DESC`,
    )
    .pluck()
    .all({ from, to: input.to ?? null }) as string[];
  return sessionViews(
    ctx.station,
    rows.map((id) => ctx.write.get(immSessions, id)!),
  );
}

export function checkedInPersons(station: Station, sessionId: string): Set<string> {
  return new Set(station.sqlite.prepare(`SELECT person_id FROM imm_attendance WHERE session_id = ? AND deleted = 0`).pluck().all(sessionId) as string[]);
}

export function dueListFor(ctx: HandlerContext, input: ProcedureParsedInput<'imm.dueList'>): ProcedureOutput<'imm.dueList'> {
  if (input.sessionId) {
    const s = liveSession(ctx, input.sessionId);
    const computed = computeDue(ctx.station, { date: s.sessionDate, hamletIds: sessionHamlets(s), includeWomen: input.includeWomen });
    return dueListView(ctx.station, computed, checkedInPersons(ctx.station, s.id));
  }
  const computed = computeDue(ctx.station, { date: input.date!, hamletIds: input.hamletIds!, includeWomen: input.includeWomen });
  return dueListView(ctx.station, computed);
}

export function sessionNeed(ctx: HandlerContext, sessionId: string, includeWomen: boolean): ProcedureOutput<'imm.vaccineNeed'> {
  const s = liveSession(ctx, sessionId);
  // Only the doses by vaccine are needed: no contacts, no list.
  const dosesByVaccine: Record<string, number> = {};
  for (const e of computeDue(ctx.station, { date: s.sessionDate, hamletIds: sessionHamlets(s), includeWomen }).entries)
    for (const d of e.doses) for (const v of d.vaccines) dosesByVaccine[v] = (dosesByVaccine[v] ?? 0) + 1;
  const due = { dosesByVaccine };
  const lots = allLots(ctx.station.sqlite).filter((l) => l.expiry >= s.sessionDate && l.onHand > 0);
  const rows = vaccineNeed(
    Object.entries(due.dosesByVaccine).map(([code, doses]) => {
      const mine = lots.filter((l) => l.vaccineCode === code).sort((a, b) => a.expiry.localeCompare(b.expiry));
      const info = vaccineInfo(code);
      return {
        vaccineCode: code,
        vaccineName: vaccineName(code),
        doses,
        // The vial size of the stock on hand when there is any (what will be opened), else the table's.
        vialSize: mine[0]?.vialSize ?? info?.vialSize ?? 1,
        wastageFactor: info?.wastageFactor ?? 1,
        onHandDoses: mine.reduce((n, l) => n + l.onHand, 0),
        nearestExpiry: mine[0]?.expiry ?? null,
      };
    }),
  );
  return { sessionId: s.id, date: s.sessionDate, rows };
}
