import type { Household } from '../../../shared/contract/households.js';
import { AppError } from '../../../shared/errors.js';
import type { HandlerContext } from '../dispatch/types.js';
import { households } from '../persons/schema.js';

export const HOUSEHOLD_SELECT = `
  SELECT h.id, h.code, h.hamlet_id AS hamletId, hm.name AS hamletName, h.address, h.head_person_id AS headPersonId,
         head.full_name AS headName, h.note, h.dissolved,
         (SELECT count(*) FROM persons m WHERE m.household_id = h.id AND m.status = 'active') AS memberCount
  FROM households h JOIN hamlets hm ON hm.id = h.hamlet_id LEFT JOIN persons head ON head.id = h.head_person_id`;

type HouseholdRow = Omit<Household, 'dissolved'> & { dissolved: number };
export const toHousehold = (r: HouseholdRow): Household => ({ ...r, dissolved: Boolean(r.dissolved) });

export function householdView(ctx: HandlerContext, id: string): Household {
  const row = ctx.station.sqlite.prepare(`${HOUSEHOLD_SELECT} WHERE h.id = ?`).get(id) as HouseholdRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return toHousehold(row);
}

export function loadHousehold(ctx: HandlerContext, id: string): typeof households.$inferSelect {
  const row = ctx.write.get(households, id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND');
  return row;
}

export function requireHamlet(ctx: HandlerContext, hamletId: string): void {
  const row = ctx.station.sqlite.prepare('SELECT id FROM hamlets WHERE id = ? AND deleted = 0').get(hamletId);
  if (!row) throw new AppError('VALIDATION_FAILED', {}, { fields: [{ path: 'hamletId', message: 'v.required' }] });
}

/** The next free code `H00001`, `H00002`…, or the user's code after checking it is unique. */
export function householdCode(ctx: HandlerContext, wanted?: string): string {
  const { sqlite } = ctx.station;
  if (wanted) {
    const code = wanted.trim().toUpperCase();
    if (sqlite.prepare('SELECT 1 FROM households WHERE code = ?').get(code)) {
      throw new AppError('HOUSEHOLD_CODE_TAKEN', { code }, { fields: [{ path: 'code', message: '' }] });
    }
    return code;
  }
  const row = sqlite.prepare("SELECT max(CAST(substr(code, 2) AS INTEGER)) AS n FROM households WHERE code GLOB 'H[0-9]*'").get() as { n: number | null };
  let n = (row.n ?? 0) + 1;
  while (sqlite.prepare('SELECT 1 FROM households WHERE code = ?').get(`H${String(n).padStart(5, '0')}`)) n++;
  return `H${String(n).padStart(5, '0')}`;
}

/** After a member died, moved away or moved out: clear the head if it was them; dissolve an empty household. */
export function afterMemberLeft(ctx: HandlerContext, householdId: string, personId: string): void {
  const household = loadHousehold(ctx, householdId);
  const patch: Partial<typeof households.$inferInsert> = {};
  if (household.headPersonId === personId) patch.headPersonId = null;
  const remaining = ctx.station.sqlite
    .prepare("SELECT count(*) AS n FROM persons WHERE household_id = ? AND status = 'active' AND id != ?")
    .get(householdId, personId) as { n: number };
  if (remaining.n === 0) patch.dissolved = true;
  if (Object.keys(patch).length) ctx.write.update(households, householdId, patch);
}
