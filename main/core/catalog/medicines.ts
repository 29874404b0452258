import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Medicine } from '../../../shared/contract/catalog.js';
import { medicineCodeSchema } from '../../../shared/contract/catalog.js';
import { AppError } from '../../../shared/errors.js';
import { foldVietnamese } from '../../../shared/text/fold.js';
import type { HandlerContext } from '../dispatch/types.js';
import type { Station } from '../station.js';
import { medicines } from './schema.js';
import type { ColumnSpec, RowIssue, TableRow } from './tabular.js';

export const STARTER_MEDICINES_FILE = 'medicines_starter.csv';

export interface MedicineFields {
  code: string;
  name: string;
  activeIngredient: string;
  strength: string | null;
  unit: string;
  route: string | null;
  bhytCovered?: boolean;
  active?: boolean;
}

/** Search key: folded text with punctuation as spaces, so "0,4%" and "500mg" split into searchable words. */
export function searchKey(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const nameKey = (f: MedicineFields) => searchKey(`${f.name} ${f.activeIngredient} ${f.strength ?? ''} ${f.code}`);

export function toMedicine(r: typeof medicines.$inferSelect): Medicine {
  const { id, code, name, activeIngredient, strength, unit, route, bhytCovered, active } = r;
  return { id, code, name, activeIngredient, strength, unit, route, bhytCovered, active };
}

/** Every word of the query must start a word of the search key. */
function wordsMatch(q: string): SQL | undefined {
  const words = searchKey(q).split(' ').filter(Boolean);
  if (words.length === 0) return undefined;
  return and(...words.map((w) => sql`(' ' || ${medicines.nameFolded}) LIKE ${`% ${w}%`}`));
}

export function searchMedicines(station: Station, q: string, limit: number): Medicine[] {
  const match = wordsMatch(q);
  if (!match) return [];
  const code = q.trim().toUpperCase();
  return station.db
    .select()
    .from(medicines)
    .where(and(eq(medicines.deleted, false), eq(medicines.active, true), match))
    .orderBy(sql`${medicines.code} = ${code} DESC`, asc(medicines.nameFolded))
    .limit(limit)
    .all()
    .map(toMedicine);
}

export function listMedicines(station: Station, input: { q?: string; includeInactive?: boolean; limit: number; offset: number }) {
  const where = and(eq(medicines.deleted, false), input.includeInactive ? undefined : eq(medicines.active, true), input.q ? wordsMatch(input.q) : undefined);
  const items = station.db.select().from(medicines).where(where).orderBy(asc(medicines.nameFolded)).limit(input.limit).offset(input.offset).all();
  const total = station.db.select({ n: sql<number>`count(*)` }).from(medicines).where(where).get()!.n;
  return { items: items.map(toMedicine), total };
}

export function medicineCounts(station: Station) {
  const r = station.db
    .select({ total: sql<number>`count(*)`, active: sql<number>`coalesce(sum(${medicines.active}), 0)` })
    .from(medicines)
    .where(eq(medicines.deleted, false))
    .get()!;
  return { total: r.total, active: r.active };
}

function liveByCode(ctx: HandlerContext, code: string) {
  const facility = ctx.station.facilityCode()!;
  return ctx.station.db
    .select()
    .from(medicines)
    .where(and(eq(medicines.deleted, false), eq(medicines.ownerFacility, facility), eq(medicines.code, code)))
    .get();
}

/** Adds a medicine or changes one; a code used by another live medicine of the station is refused. */
export function saveMedicine(ctx: HandlerContext, input: MedicineFields & { id?: string }): Medicine {
  const clash = liveByCode(ctx, input.code);
  if (clash && clash.id !== input.id) {
    throw new AppError('MEDICINE_CODE_TAKEN', { code: input.code }, { fields: [{ path: 'code', message: '' }] });
  }
  const values = {
    code: input.code,
    name: input.name,
    activeIngredient: input.activeIngredient,
    strength: input.strength || null,
    unit: input.unit,
    route: input.route || null,
    nameFolded: nameKey(input),
    bhytCovered: input.bhytCovered ?? false,
    active: input.active ?? true,
  };
  if (input.id) {
    const current = ctx.write.get(medicines, input.id);
    if (!current || current.deleted) throw new AppError('NOT_FOUND');
    const row = ctx.write.update(medicines, input.id, values);
    ctx.audit({ kind: 'change', action: 'catalog.medicineSave', entity: 'medicines', entityId: row.id, details: { code: row.code } });
    return toMedicine(row);
  }
  const row = ctx.write.insert(medicines, values);
  ctx.audit({ kind: 'change', action: 'catalog.medicineSave', entity: 'medicines', entityId: row.id, details: { code: row.code, created: true } });
  return toMedicine(row);
}

export type MedicineColumn = 'code' | 'name' | 'activeIngredient' | 'strength' | 'unit' | 'route' | 'bhytCovered' | 'active';
export const MEDICINE_COLUMNS: ColumnSpec<MedicineColumn>[] = [
  { key: 'code', label: 'Mã thuốc (code)', aliases: ['code', 'ma', 'ma thuoc', 'ma noi bo', 'ma thuoc noi bo'], required: true },
  { key: 'name', label: 'Tên thuốc (name)', aliases: ['name', 'ten', 'ten thuoc', 'ten thuong mai', 'ten biet duoc'], required: true },
  { key: 'activeIngredient', label: 'Hoạt chất (active_ingredient)', aliases: ['active ingredient', 'hoat chat', 'ten hoat chat', 'hoat chat chinh', 'ingredient'], required: true },
  { key: 'strength', label: 'Hàm lượng (strength)', aliases: ['strength', 'ham luong', 'nong do', 'ham luong nong do', 'nong do ham luong'], required: false },
  { key: 'unit', label: 'Đơn vị tính (unit)', aliases: ['unit', 'don vi', 'don vi tinh', 'dvt'], required: true },
  { key: 'route', label: 'Đường dùng (route)', aliases: ['route', 'duong dung'], required: false },
  { key: 'bhytCovered', label: 'BHYT (bhyt_covered)', aliases: ['bhyt covered', 'bhyt', 'thanh toan bhyt', 'bhyt chi tra', 'bhyt thanh toan'], required: false },
  { key: 'active', label: 'Đang dùng (active)', aliases: ['active', 'dang dung', 'su dung', 'con dung'], required: false },
];

function flag(text: string | undefined): boolean | undefined | 'bad' {
  if (text === undefined || text === '') return undefined;
  const k = searchKey(text);
  if (['1', 'x', 'co', 'c', 'yes', 'y', 'true'].includes(k)) return true;
  if (['0', 'khong', 'k', 'no', 'n', 'false'].includes(k)) return false;
  return 'bad';
}

const LIMITS: [MedicineColumn, number][] = [['name', 200], ['activeIngredient', 300], ['strength', 100], ['unit', 30], ['route', 50]];

export function validateMedicineRows(table: TableRow<MedicineColumn>[]): { rows: MedicineFields[]; issues: RowIssue[] } {
  const rows: MedicineFields[] = [];
  const issues: RowIssue[] = [];
  const firstRow = new Map<string, number>();
  for (const { row, values: v } of table) {
    const code = medicineCodeSchema.safeParse(v.code ?? '');
    const bhyt = flag(v.bhytCovered);
    const active = flag(v.active);
    const tooLong = LIMITS.find(([key, max]) => (v[key] ?? '').length > max);
    let issue: RowIssue | null = null;
    if (!v.code) issue = { row, message: 'catalog.row.noCode' };
    else if (!code.success) issue = { row, message: 'catalog.row.badMedicineCode', params: { code: v.code.slice(0, 40) } };
    else if (!v.name) issue = { row, message: 'catalog.row.noName' };
    else if (!v.activeIngredient) issue = { row, message: 'catalog.row.noIngredient' };
    else if (!v.unit) issue = { row, message: 'catalog.row.noUnit' };
    else if (tooLong) issue = { row, message: 'catalog.row.tooLong', params: { column: MEDICINE_COLUMNS.find((c) => c.key === tooLong[0])!.label } };
    else if (bhyt === 'bad' || active === 'bad') issue = { row, message: 'catalog.row.badFlag', params: { value: (bhyt === 'bad' ? v.bhytCovered : v.active) ?? '' } };
    else if (firstRow.has(code.data)) issue = { row, message: 'catalog.row.duplicate', params: { code: code.data, first: firstRow.get(code.data)! } };
    if (issue) {
      issues.push(issue);
      continue;
    }
    firstRow.set(code.data!, row);
    rows.push({
      code: code.data!,
      name: v.name!,
      activeIngredient: v.activeIngredient!,
      strength: v.strength || null,
      unit: v.unit!,
      route: v.route || null,
      bhytCovered: bhyt as boolean | undefined,
      active: active as boolean | undefined,
    });
  }
  return { rows, issues };
}

/** Upserts validated rows by code (the caller's transaction makes it all-or-nothing). */
export function upsertMedicines(ctx: HandlerContext, rows: MedicineFields[], source: string) {
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const r of rows) {
    const current = liveByCode(ctx, r.code);
    const values = {
      name: r.name,
      activeIngredient: r.activeIngredient,
      strength: r.strength,
      unit: r.unit,
      route: r.route,
      nameFolded: nameKey(r),
      ...(r.bhytCovered !== undefined ? { bhytCovered: r.bhytCovered } : {}),
      ...(r.active !== undefined ? { active: r.active } : {}),
    };
    if (!current) {
      ctx.write.insert(medicines, { code: r.code, bhytCovered: false, active: true, ...values });
      inserted++;
    } else if (ctx.write.update(medicines, current.id, values).hlc !== current.hlc) updated++;
    else unchanged++;
  }
  ctx.audit({ kind: 'change', action: 'catalog.medicineImport', entity: 'medicines', details: { source, inserted, updated, unchanged } });
  return { inserted, updated, unchanged };
}
