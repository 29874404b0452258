import type { ProcedureOutput, ProcedureParsedInput } from '../../../shared/contract/index.js';
import { vaccineInfo, vaccineName } from '../../../shared/immunization/vaccines.js';
import type { HandlerContext } from '../dispatch/types.js';
import { attendanceOfSession, screeningView, type ScreeningRow } from './board.js';
import { refuseOne } from './common.js';
import { computeDue, dueListView } from './due.js';
import { immPerson, personRows } from './repo.js';
import { immSessionVials } from './schema.js';
import { liveSession, sessionHamlets, sessionViews } from './sessions.js';
import { addMovement, lotById, movementView, type MovementRow } from './stock.js';

/** End of a session (issue 7 §4): what was given, who was not vaccinated and why, who did not come, the vials. */

interface LotUse {
  lotId: string;
  vaccineCode: string;
  lotNumber: string;
  vialSize: number;
  administered: number;
}

function lotUse(ctx: HandlerContext, sessionId: string): LotUse[] {
  return ctx.station.sqlite
    .prepare(
      `SELECT l.id AS lotId, l.vaccine_code AS vaccineCode, l.lot_number AS lotNumber, l.vial_size AS vialSize, COUNT(d.id) AS administered
       FROM imm_doses d JOIN imm_lots l ON l.id = d.lot_id
       WHERE d.session_id = ? AND d.deleted = 0 AND d.voided_at IS NULL AND d.given_elsewhere = 0
       GROUP BY l.id ORDER BY l.vaccine_code, l.lot_number`,
    )
    .all(sessionId) as LotUse[];
}

function sessionVials(ctx: HandlerContext, sessionId: string) {
  return ctx.station.sqlite
    .prepare(`SELECT id, lot_id AS lotId, opened_vials AS openedVials, wasted_doses AS wastedDoses FROM imm_session_vials WHERE session_id = ? AND deleted = 0`)
    .all(sessionId) as { id: string; lotId: string; openedVials: number; wastedDoses: number }[];
}

export function sessionSummary(ctx: HandlerContext, sessionId: string, includeWomen: boolean): ProcedureOutput<'imm.sessionSummary'> {
  const s = liveSession(ctx, sessionId);
  const sqlite = ctx.station.sqlite;
  const attendance = attendanceOfSession(ctx.station, s.id);
  const people = personRows(
    sqlite,
    attendance.map((a) => a.personId),
  );
  const byVaccine = sqlite
    .prepare(
      `SELECT vaccine_code AS code, COUNT(*) AS n, COUNT(DISTINCT person_id) AS persons FROM imm_doses
       WHERE session_id = ? AND deleted = 0 AND voided_at IS NULL GROUP BY vaccine_code ORDER BY vaccine_code`,
    )
    .all(s.id) as { code: string; n: number; persons: number }[];
  const vaccinatedPersons = sqlite.prepare(`SELECT COUNT(DISTINCT person_id) FROM imm_doses WHERE session_id = ? AND deleted = 0 AND voided_at IS NULL`).pluck().get(s.id) as number;
  const screenings = new Map(
    (
      sqlite
        .prepare(
          `SELECT id, attendance_id AS attendanceId, session_id AS sessionId, person_id AS personId, screened_at AS screenedAt, screener_name AS screenerName,
             answers, other_text AS otherText, temperature, newborn, derived_outcome AS derivedOutcome, reasons, excluded_series AS excludedSeries,
             outcome, override_reason AS overrideReason, return_date AS returnDate, refer_to AS referTo, note
           FROM imm_screenings WHERE session_id = ? AND deleted = 0`,
        )
        .all(s.id) as ScreeningRow[]
    ).map((r) => [r.id, screeningView(r)]),
  );
  const postponed: ProcedureOutput<'imm.sessionSummary'>['postponed'] = [];
  const contraindicated: ProcedureOutput<'imm.sessionSummary'>['contraindicated'] = [];
  const referred: ProcedureOutput<'imm.sessionSummary'>['referred'] = [];
  for (const a of attendance) {
    const sc = a.screeningId ? screenings.get(a.screeningId) : undefined;
    const p = people.get(a.personId);
    if (!sc || !p || a.injectedAt) continue;
    const person = immPerson(p);
    if (sc.outcome === 'postpone') postponed.push({ person, returnDate: sc.returnDate, reasons: sc.reasons });
    if (sc.outcome === 'contraindicated') contraindicated.push({ person, reasons: sc.reasons });
    if (sc.outcome === 'refer') referred.push({ person, referTo: sc.referTo, reasons: sc.reasons });
  }
  const checkedIn = new Set(attendance.map((a) => a.personId));
  const due = dueListView(ctx.station, computeDue(ctx.station, { date: s.sessionDate, hamletIds: sessionHamlets(s), includeWomen }));
  const absentees = due.groups.flatMap((g) => g.rows).filter((r) => !checkedIn.has(r.person.id));
  const aefi = sqlite.prepare(`SELECT severity, COUNT(*) AS n FROM imm_aefi WHERE session_id = ? AND deleted = 0 GROUP BY severity`).all(s.id) as { severity: string; n: number }[];
  const recorded = new Map(sessionVials(ctx, s.id).map((v) => [v.lotId, v]));
  const vials = lotUse(ctx, s.id).map((u) => ({
    ...u,
    openedVials: recorded.get(u.lotId)?.openedVials ?? null,
    wastedDoses: recorded.get(u.lotId)?.wastedDoses ?? 0,
    discardAtSessionEnd: vaccineInfo(u.vaccineCode)?.discardAtSessionEnd ?? false,
  }));
  return {
    session: sessionViews(ctx.station, [s])[0]!,
    vaccinatedPersons,
    dosesByVaccine: byVaccine.map((r) => ({ vaccineCode: r.code, vaccineName: vaccineName(r.code), doses: r.n })),
    postponed,
    contraindicated,
    referred,
    absentees,
    walkIns: attendance.filter((a) => a.walkIn).length,
    aefi: { common: aefi.find((a) => a.severity === 'common')?.n ?? 0, serious: aefi.find((a) => a.severity === 'serious')?.n ?? 0 },
    vials,
  };
}

/**
 * Opened vials per lot: wasted doses = opened × vial size − doses given from the lot in the session. Recording
 * again for a lot writes only the difference (another movement), so the ledger stays append-only.
 */
export function recordSessionWastage(ctx: HandlerContext, input: ProcedureParsedInput<'imm.recordSessionWastage'>): ProcedureOutput<'imm.recordSessionWastage'> {
  const s = liveSession(ctx, input.sessionId);
  const used = new Map(lotUse(ctx, s.id).map((u) => [u.lotId, u]));
  const recorded = new Map(sessionVials(ctx, s.id).map((v) => [v.lotId, v]));
  const movements: ProcedureOutput<'imm.recordSessionWastage'>['movements'] = [];
  input.lots.forEach((entry, i) => {
    const lot = lotById(ctx.station.sqlite, entry.lotId);
    if (!lot) refuseOne(ctx, `lots.${i}.lotId`, 'v.immLotChoice');
    const administered = used.get(lot.id)?.administered ?? 0;
    const capacity = entry.openedVials * lot.vialSize;
    if (capacity < administered) refuseOne(ctx, `lots.${i}.openedVials`, 'v.immOpenedVials', { administered, min: Math.ceil(administered / lot.vialSize) });
    const wasted = capacity - administered;
    const before = recorded.get(lot.id);
    const change = wasted - (before?.wastedDoses ?? 0);
    let m: MovementRow | null = null;
    if (change > 0) m = addMovement(ctx, { lotId: lot.id, kind: 'wasted', doses: change, occurredOn: s.sessionDate, sessionId: s.id, reason: entry.reason });
    if (change < 0) m = addMovement(ctx, { lotId: lot.id, kind: 'adjusted', doses: -change, occurredOn: s.sessionDate, sessionId: s.id, reason: 'session-wastage-correction' });
    if (m) movements.push(movementView(m, lot));
    if (before) ctx.write.update(immSessionVials, before.id, { openedVials: entry.openedVials, wastedDoses: wasted, reason: entry.reason, updatedAt: ctx.now.toISOString() });
    else ctx.write.insert(immSessionVials, { sessionId: s.id, lotId: lot.id, openedVials: entry.openedVials, wastedDoses: wasted, reason: entry.reason, updatedAt: ctx.now.toISOString() });
  });
  ctx.audit({ kind: 'change', action: 'imm.recordSessionWastage', entity: 'imm_sessions', entityId: s.id, details: { lots: input.lots.length } });
  return { movements };
}
