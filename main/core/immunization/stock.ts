import type Database from 'better-sqlite3';
import type { ProcedureOutput, ProcedureParsedInput } from '../../../shared/contract/index.js';
import type { Lot } from '../../../shared/contract/immunization.js';
import { AppError } from '../../../shared/errors.js';
import type { MovementKind } from '../../../shared/immunization/checklists.js';
import { addDays } from '../../../shared/immunization/dates.js';
import { NEAR_EXPIRY_DAYS, VACCINES, vaccineInfo, vaccineName } from '../../../shared/immunization/vaccines.js';
import type { HandlerContext } from '../dispatch/types.js';
import { refuseOne, t, userName, viDay } from './common.js';
import { immLots, immMovements } from './schema.js';

/**
 * Vaccine stock as a ledger (immunization.md "Vaccine stock"): lots, and movements whose `delta` sums to the doses
 * on hand. Nothing is ever overwritten; a correction is another movement.
 */

export interface LotRow {
  id: string;
  vaccineCode: string;
  lotNumber: string;
  expiry: string;
  vialSize: number;
  gtin: string | null;
  manufacturer: string | null;
  onHand: number;
}

const LOT_SELECT = `SELECT l.id, l.vaccine_code AS vaccineCode, l.lot_number AS lotNumber, l.expiry, l.vial_size AS vialSize, l.gtin,
  l.manufacturer, COALESCE((SELECT SUM(m.delta) FROM imm_movements m WHERE m.lot_id = l.id AND m.deleted = 0), 0) AS onHand
  FROM imm_lots l WHERE l.deleted = 0`;

export function lotById(sqlite: Database.Database, id: string): LotRow | undefined {
  return sqlite.prepare(`${LOT_SELECT} AND l.id = ?`).get(id) as LotRow | undefined;
}

export function lotByNumber(sqlite: Database.Database, vaccineCode: string | null, lotNumber: string): LotRow | undefined {
  return sqlite.prepare(`${LOT_SELECT} AND l.lot_number = @lot AND (@code IS NULL OR l.vaccine_code = @code) ORDER BY l.created_at LIMIT 1`).get({ lot: lotNumber, code: vaccineCode }) as
    | LotRow
    | undefined;
}

export function allLots(sqlite: Database.Database, vaccineCode?: string): LotRow[] {
  return sqlite.prepare(`${LOT_SELECT} AND (@code IS NULL OR l.vaccine_code = @code) ORDER BY l.vaccine_code, l.expiry, l.lot_number`).all({ code: vaccineCode ?? null }) as LotRow[];
}

export function lotView(l: LotRow, date: string): Lot {
  return {
    id: l.id,
    vaccineCode: l.vaccineCode,
    vaccineName: vaccineName(l.vaccineCode),
    lotNumber: l.lotNumber,
    expiry: l.expiry,
    vialSize: l.vialSize,
    gtin: l.gtin,
    manufacturer: l.manufacturer,
    onHandDoses: l.onHand,
    onHandVials: Math.round((l.onHand / l.vialSize) * 100) / 100,
    // A lot may be used through its expiry date.
    expired: l.expiry < date,
    nearExpiry: l.expiry >= date && l.expiry <= addDays(date, NEAR_EXPIRY_DAYS),
  };
}

const DELTA_SIGN: Record<MovementKind, 1 | -1 | 0> = { received: 1, issued: 0, administered: -1, wasted: -1, returned: -1, adjusted: 1 };

export interface MovementInput {
  lotId: string;
  kind: MovementKind;
  /** Doses moved (positive); for `adjusted` the signed change. */
  doses: number;
  occurredOn: string;
  sessionId?: string | null;
  doseId?: string | null;
  reason?: string | null;
  note?: string | null;
}

export function addMovement(ctx: HandlerContext, m: MovementInput) {
  const delta = m.kind === 'adjusted' ? m.doses : DELTA_SIGN[m.kind] * m.doses;
  return ctx.write.insert(immMovements, {
    lotId: m.lotId,
    kind: m.kind,
    doses: Math.abs(m.doses),
    delta,
    occurredOn: m.occurredOn,
    sessionId: m.sessionId ?? null,
    doseId: m.doseId ?? null,
    reason: m.reason ?? null,
    note: m.note ?? null,
    userName: userName(ctx),
    createdAt: ctx.now.toISOString(),
  });
}

export type MovementRow = typeof immMovements.$inferSelect;
type MovementView = ProcedureOutput<'imm.movements'>['movements'][number];

export function movementView(m: MovementRow, lot: Pick<LotRow, 'vaccineCode' | 'lotNumber'>): MovementView {
  return {
    id: m.id,
    lotId: m.lotId,
    vaccineCode: lot.vaccineCode,
    lotNumber: lot.lotNumber,
    kind: m.kind,
    doses: m.doses,
    delta: m.delta,
    occurredOn: m.occurredOn,
    sessionId: m.sessionId,
    doseId: m.doseId,
    reason: m.reason,
    note: m.note,
    userName: m.userName,
    createdAt: m.createdAt,
  };
}

export function receiveStock(ctx: HandlerContext, input: ProcedureParsedInput<'imm.receiveStock'>) {
  if (!vaccineInfo(input.vaccineCode)) refuseOne(ctx, 'vaccineCode', 'v.immVaccine', { code: input.vaccineCode });
  const on = input.receivedOn ?? ctx.today;
  if (on > ctx.today) refuseOne(ctx, 'receivedOn', 'v.immFutureDate');
  if (input.expiry < on) throw new AppError('IMM_LOT_EXPIRED', { lot: input.lotNumber, expiry: viDay(input.expiry) });
  let lot = lotByNumber(ctx.station.sqlite, input.vaccineCode, input.lotNumber);
  if (lot) {
    // The same lot received again: the same product facts, or the entry is a mistake.
    if (lot.expiry !== input.expiry) refuseOne(ctx, 'expiry', 'v.immExpiryMismatch', { lot: lot.lotNumber, expiry: viDay(lot.expiry) });
    if (lot.vialSize !== input.vialSize) refuseOne(ctx, 'vialSize', 'v.immVialSizeMismatch', { lot: lot.lotNumber, vialSize: lot.vialSize });
  } else {
    const row = ctx.write.insert(immLots, {
      vaccineCode: input.vaccineCode,
      lotNumber: input.lotNumber,
      expiry: input.expiry,
      vialSize: input.vialSize,
      gtin: input.gtin ?? null,
      manufacturer: input.manufacturer || null,
      createdAt: ctx.now.toISOString(),
    });
    lot = { ...row, onHand: 0 };
  }
  const movement = addMovement(ctx, { lotId: lot.id, kind: 'received', doses: input.vials * input.vialSize, occurredOn: on, note: input.note || null });
  ctx.audit({ kind: 'change', action: 'imm.receiveStock', entity: 'imm_lots', entityId: lot.id, details: { lot: lot.lotNumber, doses: movement.doses } });
  const after = lotById(ctx.station.sqlite, lot.id)!;
  return { lot: lotView(after, ctx.today), movement: movementView(movement, after) };
}

export function adjustStock(ctx: HandlerContext, input: ProcedureParsedInput<'imm.adjustStock'>) {
  const lot = lotById(ctx.station.sqlite, input.lotId);
  if (!lot) throw new AppError('NOT_FOUND');
  const on = input.occurredOn ?? ctx.today;
  if (on > ctx.today) refuseOne(ctx, 'occurredOn', 'v.immFutureDate');
  let movement: MovementRow | null = null;
  if (input.kind === 'count') {
    if (input.countedDoses === undefined) refuseOne(ctx, 'countedDoses', 'v.immDosesNeeded');
    if (!input.reason) refuseOne(ctx, 'reason', 'v.immCountReason');
    const change = input.countedDoses - lot.onHand;
    if (change !== 0) movement = addMovement(ctx, { lotId: lot.id, kind: 'adjusted', doses: change, occurredOn: on, reason: input.reason });
  } else {
    if (input.doses === undefined) refuseOne(ctx, 'doses', 'v.immDosesNeeded');
    if (input.kind !== 'issued' && input.doses > lot.onHand) refuseOne(ctx, 'doses', 'v.immStockNegative', { onHand: lot.onHand, lot: lot.lotNumber });
    if (input.kind === 'wasted' && !input.wastageReason) refuseOne(ctx, 'wastageReason', 'v.immCountReason');
    movement = addMovement(ctx, {
      lotId: lot.id,
      kind: input.kind,
      doses: input.doses,
      occurredOn: on,
      sessionId: input.sessionId ?? null,
      reason: input.kind === 'wasted' ? input.wastageReason! : (input.reason ?? null),
      note: input.kind === 'wasted' ? (input.reason ?? null) : null,
    });
  }
  ctx.audit({ kind: 'change', action: 'imm.adjustStock', entity: 'imm_lots', entityId: lot.id, details: { kind: input.kind, delta: movement?.delta ?? 0 } });
  const after = lotById(ctx.station.sqlite, lot.id)!;
  return { lot: lotView(after, ctx.today), movement: movement ? movementView(movement, after) : null };
}

export function listMovements(sqlite: Database.Database, input: ProcedureParsedInput<'imm.movements'>): MovementView[] {
  const rows = sqlite
    .prepare(
      `SELECT m.id, m.lot_id AS lotId, l.vaccine_code AS vaccineCode, l.lot_number AS lotNumber, m.kind, m.doses, m.delta,
         m.occurred_on AS occurredOn, m.session_id AS sessionId, m.dose_id AS doseId, m.reason, m.note, m.user_name AS userName, m.created_at AS createdAt
       FROM imm_movements m JOIN imm_lots l ON l.id = m.lot_id
       WHERE m.deleted = 0 AND (@lot IS NULL OR m.lot_id = @lot) AND (@session IS NULL OR m.session_id = @session)
         AND (@from IS NULL OR m.occurred_on >= @from) AND (@to IS NULL OR m.occurred_on <= @to)
       ORDER BY m.occurred_on DESC, m.created_at DESC LIMIT @limit`,
    )
    .all({ lot: input.lotId ?? null, session: input.sessionId ?? null, from: input.from ?? null, to: input.to ?? null, limit: input.limit });
  return rows as MovementView[];
}

export function stockView(ctx: HandlerContext, date: string): ProcedureOutput<'imm.stock'> {
  const lots = allLots(ctx.station.sqlite);
  const warnings: ProcedureOutput<'imm.stock'>['warnings'] = [];
  const codes = [...new Set([...VACCINES.filter((v) => v.lowStockDoses > 0).map((v) => v.code), ...lots.map((l) => l.vaccineCode)])];
  const vaccines = codes.map((code) => {
    const mine = lots.filter((l) => l.vaccineCode === code).map((l) => lotView(l, date));
    const name = vaccineName(code);
    for (const l of mine) {
      const params = { lot: l.lotNumber, vaccine: name, expiry: viDay(l.expiry), doses: l.onHandDoses };
      if (l.onHandDoses < 0) warnings.push({ kind: 'negative', vaccineCode: code, lotId: l.id, message: t(ctx, 'imm.stock.negative', params) });
      else if (l.onHandDoses > 0 && l.expired) warnings.push({ kind: 'expired_in_stock', vaccineCode: code, lotId: l.id, message: t(ctx, 'imm.stock.expiredInStock', params) });
      else if (l.onHandDoses > 0 && l.nearExpiry) warnings.push({ kind: 'near_expiry', vaccineCode: code, lotId: l.id, message: t(ctx, 'imm.stock.nearExpiry', params) });
    }
    // Usable stock: lots not expired.
    const onHandDoses = mine.filter((l) => !l.expired && l.onHandDoses > 0).reduce((s, l) => s + l.onHandDoses, 0);
    const vialSize = mine[0]?.vialSize ?? vaccineInfo(code)?.vialSize ?? 1;
    const lowStock = onHandDoses < (vaccineInfo(code)?.lowStockDoses ?? 0);
    if (lowStock) warnings.push({ kind: 'low_stock', vaccineCode: code, lotId: null, message: t(ctx, 'imm.stock.low', { vaccine: name, doses: onHandDoses }) });
    return { vaccineCode: code, vaccineName: name, onHandDoses, onHandVials: Math.round((onHandDoses / vialSize) * 100) / 100, lowStock, lots: mine };
  });
  return { date, vaccines, warnings };
}
