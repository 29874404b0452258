import type { ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { Aefi } from '../../../shared/contract/immunization.js';
import { AppError } from '../../../shared/errors.js';
import { AEFI_SERIOUS_SIGNS } from '../../../shared/immunization/checklists.js';
import type { HandlerContext } from '../dispatch/types.js';
import type { Station } from '../station.js';
import { syncServiceFor } from '../sync/service.js';
import { livePerson, refuseOne, t, userName } from './common.js';
import { doseRowsByIds } from './repo.js';
import { immAefi, immAttendance } from './schema.js';

/**
 * Adverse events after immunization (immunization.md "After the injection"; TT 12/2014/TT-BYT Điều 2). A serious
 * event (tai biến nặng) is flagged `urgent_sync` and the sync service is asked to push right after the commit, so
 * the level above hears of it at once when a link exists (otherwise with the next sync, first in the outbox order).
 */

/**
 * Serious when entered so, when any sign of a serious event is ticked, or for anaphylaxis of grade II or higher
 * (L: grade I, skin signs only, may be a common reaction; grade II+ threatens breathing or circulation).
 */
export function isSerious(input: { severity: 'common' | 'serious'; signs: readonly string[]; anaphylaxisGrade?: number | null }): boolean {
  return (
    input.severity === 'serious' ||
    input.signs.some((s) => (AEFI_SERIOUS_SIGNS as readonly string[]).includes(s)) ||
    (input.anaphylaxisGrade !== null && input.anaphylaxisGrade !== undefined && input.anaphylaxisGrade >= 2)
  );
}

type AefiRow = {
  id: string;
  personId: string;
  personName: string;
  sessionId: string | null;
  attendanceId: string | null;
  doseIds: string;
  onsetAt: string;
  severity: 'common' | 'serious';
  signs: string;
  anaphylaxisGrade: number | null;
  actions: string;
  actionsText: string | null;
  outcome: string;
  referredTo: string | null;
  note: string | null;
  reporterName: string | null;
  urgentSync: number;
  createdAt: string;
};

const parse = (s: string): string[] => {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

export function aefiRows(station: Station, where: string, params: Record<string, unknown>): Aefi[] {
  const rows = station.sqlite
    .prepare(
      `SELECT e.id, e.person_id AS personId, p.full_name AS personName, e.session_id AS sessionId, e.attendance_id AS attendanceId,
         e.dose_ids AS doseIds, e.onset_at AS onsetAt, e.severity, e.signs, e.anaphylaxis_grade AS anaphylaxisGrade, e.actions,
         e.actions_text AS actionsText, e.outcome, e.referred_to AS referredTo, e.note, e.reporter_name AS reporterName,
         e.urgent_sync AS urgentSync, e.created_at AS createdAt
       FROM imm_aefi e JOIN persons p ON p.id = e.person_id WHERE e.deleted = 0 AND ${where}
       ORDER BY CASE e.severity WHEN 'serious' THEN 0 ELSE 1 END, e.onset_at DESC`,
    )
    .all(params) as AefiRow[];
  const doseIds = [...new Set(rows.flatMap((r) => parse(r.doseIds)))];
  const doses = new Map(doseRowsByIds(station.sqlite, doseIds).map((d) => [d.id, d.vaccineCode]));
  return rows.map((r) => {
    const ids = parse(r.doseIds);
    return {
      id: r.id,
      personId: r.personId,
      personName: r.personName,
      sessionId: r.sessionId,
      attendanceId: r.attendanceId,
      doseIds: ids,
      vaccines: ids.map((id) => doses.get(id)).filter((x): x is string => x !== undefined),
      onsetAt: r.onsetAt,
      severity: r.severity,
      signs: parse(r.signs) as Aefi['signs'],
      anaphylaxisGrade: r.anaphylaxisGrade,
      actions: parse(r.actions) as Aefi['actions'],
      actionsText: r.actionsText,
      outcome: r.outcome as Aefi['outcome'],
      referredTo: r.referredTo,
      note: r.note,
      reporterName: r.reporterName,
      urgentSync: r.urgentSync === 1,
      createdAt: r.createdAt,
    };
  });
}

/** After the commit (the handler's transaction is synchronous), ask the sync service for a push now. */
function pushSoon(station: Station): void {
  setImmediate(() => {
    try {
      const sync = syncServiceFor(station);
      if (sync.configured()) sync.runNow().catch(() => undefined);
    } catch {
      // The station may be closed already (tests); the change stays in the outbox for the next sync.
    }
  });
}

export function recordAefi(ctx: HandlerContext, input: ProcedureParsedInput<'imm.recordAefi'>): { aefi: Aefi; warnings: { key: string; message: string }[] } {
  const person = livePerson(ctx, input.personId);
  let sessionId: string | null = null;
  if (input.attendanceId) {
    const a = ctx.write.get(immAttendance, input.attendanceId);
    if (!a || a.deleted) throw new AppError('NOT_FOUND');
    if (a.personId !== person.id) refuseOne(ctx, 'attendanceId', 'imm.state.attendanceSession');
    sessionId = a.sessionId;
  }
  const doses = doseRowsByIds(ctx.station.sqlite, input.doseIds);
  if (doses.length !== input.doseIds.length || doses.some((d) => d.personId !== person.id)) throw new AppError('NOT_FOUND');
  // A few minutes of clock difference between workstations are tolerated.
  if (Date.parse(input.onsetAt) > ctx.now.getTime() + 5 * 60_000) refuseOne(ctx, 'onsetAt', 'v.immOnsetFuture');
  const serious = isSerious(input);
  const warnings: { key: string; message: string }[] = [];
  if (serious && input.severity !== 'serious') warnings.push({ key: 'imm.warn.aefiSeriousUpgraded', message: t(ctx, 'imm.warn.aefiSeriousUpgraded') });
  if (serious) warnings.push({ key: 'imm.warn.urgentSync', message: t(ctx, 'imm.warn.urgentSync') });
  const row = ctx.write.insert(immAefi, {
    personId: person.id,
    sessionId: sessionId ?? doses.find((d) => d.sessionId)?.sessionId ?? null,
    attendanceId: input.attendanceId ?? null,
    doseIds: JSON.stringify(input.doseIds),
    onsetAt: new Date(Date.parse(input.onsetAt)).toISOString(),
    severity: serious ? 'serious' : 'common',
    signs: JSON.stringify([...new Set(input.signs)]),
    anaphylaxisGrade: input.anaphylaxisGrade ?? null,
    actions: JSON.stringify([...new Set(input.actions)]),
    actionsText: input.actionsText || null,
    outcome: input.outcome,
    referredTo: input.referredTo || null,
    note: input.note || null,
    reporterName: userName(ctx),
    urgentSync: serious,
    createdAt: ctx.now.toISOString(),
  });
  ctx.audit({ kind: 'change', action: 'imm.recordAefi', entity: 'imm_aefi', entityId: row.id, personId: person.id, details: { serious } });
  if (serious) pushSoon(ctx.station);
  return { aefi: aefiRows(ctx.station, 'e.id = @id', { id: row.id })[0]!, warnings };
}
