import type { ProcedureOutput } from '../../../shared/contract/index.js';
import { addDays, addMonths } from '../../../shared/immunization/dates.js';
import { FULLY_IMMUNIZED, ageGroup, coverageFigures, type ChildFacts, type WomanFacts } from '../../../shared/immunization/coverage.js';
import { pruneSchedule } from '../../../shared/immunization/pruning.js';
import { vaccineName } from '../../../shared/immunization/vaccines.js';
import type { HandlerContext } from '../dispatch/types.js';
import { evaluatePerson } from './evaluate.js';
import { doseFactsOf, hamletNames, pregnanciesOf } from './repo.js';
import { scheduleFor } from './schedules.js';

/**
 * Monthly coverage (issue 7 §6). Loads only the people a month's figures can involve — children born in the 25
 * months before it or with a dose this year, women with a pregnancy due or a tetanus dose in the month — evaluates
 * them with the engine on the month's last day, and hands the facts to shared/immunization/coverage.ts.
 */

type Coverage = Omit<ProcedureOutput<'imm.coverage'>, 'trend'>;

/** Series the coverage figures use (FULLY_IMMUNIZED, hep B birth dose, DPT4, MR); BCG and measles are the live injected ones. */
const COVERAGE_SERIES = new Set([...FULLY_IMMUNIZED.map((r) => r.series), 'hepb-birth', 'dpt', 'measles']);

function monthEnd(month: string): string {
  return addDays(addMonths(`${month}-01`, 1), -1);
}

interface Loaded {
  children: ChildFacts[];
  women: WomanFacts[];
  doses: { vaccineCode: string; seriesKey: string | null; givenOn: string; birthDate: string; hamletId: string | null }[];
}

function load(ctx: HandlerContext, month: string, hamletId: string | null): Loaded {
  const sqlite = ctx.station.sqlite;
  const start = `${month}-01`;
  const end = monthEnd(month);
  const yearStart = `${month.slice(0, 4)}-01-01`;
  const kids = sqlite
    .prepare(
      `SELECT p.id, p.birth_date, p.sex, h.hamlet_id FROM persons p LEFT JOIN households h ON h.id = p.household_id
       WHERE p.deleted = 0 AND p.merged_into IS NULL AND length(p.birth_date) = 10 AND p.birth_date <= @end
         AND (p.birth_date >= @cohortStart OR p.id IN (SELECT person_id FROM imm_doses WHERE given_on BETWEEN @yearStart AND @end AND deleted = 0 AND voided_at IS NULL AND series_key = 'dpt'))
         AND (@hamlet IS NULL OR h.hamlet_id = @hamlet)`,
    )
    .raw()
    .all({ end, cohortStart: addMonths(start, -25), yearStart, hamlet: hamletId }) as [string, string, 'M' | 'F', string | null][];
  // Only the series the figures read (live injected ones included, so validity is the full schedule's): fewer to evaluate.
  const full = scheduleFor(ctx.station, 'epi-children', end);
  const children = pruneSchedule(
    full,
    full.series.map((x, i) => (COVERAGE_SERIES.has(x.key) ? i : -1)).filter((i) => i >= 0),
  );
  const facts = doseFactsOf(
    sqlite,
    kids.map((k) => k[0]),
  );
  const within = new Set(
    sqlite
      .prepare(`SELECT person_id FROM imm_doses WHERE series_key = 'hepb-birth' AND within_24h = 1 AND deleted = 0 AND voided_at IS NULL AND person_id IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(JSON.stringify(kids.map((k) => k[0]))) as string[],
  );
  const childFacts: ChildFacts[] = kids.map(([id, birthDate, sex, hamlet]) => {
    const ev = evaluatePerson(children, { birthDate, sex }, facts.get(id) ?? [], [], end);
    const valid: Record<string, string[]> = {};
    for (const s of ev.series) valid[s.key] = s.doses.filter((d) => d.valid).map((d) => d.dose.date);
    return { personId: id, hamletId: hamlet, birthDate, valid, hepbWithin24h: within.has(id) ? true : null };
  });

  const womenRows = sqlite
    .prepare(
      `SELECT DISTINCT p.id, p.birth_date, h.hamlet_id FROM persons p LEFT JOIN households h ON h.id = p.household_id
       WHERE p.deleted = 0 AND p.merged_into IS NULL AND p.sex = 'F' AND (@hamlet IS NULL OR h.hamlet_id = @hamlet)
         AND (p.id IN (SELECT person_id FROM imm_pregnancies WHERE deleted = 0 AND expected_delivery BETWEEN @start AND @end)
           OR p.id IN (SELECT person_id FROM imm_doses WHERE deleted = 0 AND voided_at IS NULL AND series_key = 'uv' AND given_on BETWEEN @start AND @end))`,
    )
    .raw()
    .all({ start, end, hamlet: hamletId }) as [string, string, string | null][];
  const tetanus = scheduleFor(ctx.station, 'tetanus-women', end);
  const wIds = womenRows.map((w) => w[0]);
  const wDoses = doseFactsOf(sqlite, wIds);
  const pregs = pregnanciesOf(sqlite, wIds);
  const women: WomanFacts[] = womenRows.map(([id, birthDate, hamlet]) => {
    const mine = pregs.get(id) ?? [];
    const ev = evaluatePerson(tetanus, { birthDate, sex: 'F' }, wDoses.get(id) ?? [], mine, end);
    return {
      personId: id,
      hamletId: hamlet,
      uv: ev.series.flatMap((s) => s.doses.filter((d) => d.valid).map((d) => d.dose.date)).sort(),
      pregnancies: mine.map((p) => ({ expectedDelivery: p.expectedDelivery, start: p.lmp ?? addDays(p.expectedDelivery, -280), end: p.endedOn ?? p.expectedDelivery })),
    };
  });

  const doses = sqlite
    .prepare(
      `SELECT d.vaccine_code, d.series_key, d.given_on, p.birth_date, h.hamlet_id FROM imm_doses d JOIN persons p ON p.id = d.person_id
       LEFT JOIN households h ON h.id = p.household_id
       WHERE d.given_on BETWEEN @start AND @end AND d.deleted = 0 AND d.voided_at IS NULL AND d.given_elsewhere = 0
         AND (@hamlet IS NULL OR h.hamlet_id = @hamlet)`,
    )
    .raw()
    .all({ start, end, hamlet: hamletId }) as [string, string | null, string, string, string | null][];
  return { children: childFacts, women, doses: doses.map(([vaccineCode, seriesKey, givenOn, birthDate, hamlet]) => ({ vaccineCode, seriesKey, givenOn, birthDate, hamletId: hamlet })) };
}

function doseTable(doses: Loaded['doses']): Coverage['dosesByVaccine'] {
  const rows = new Map<string, Coverage['dosesByVaccine'][number]>();
  for (const d of doses) {
    let r = rows.get(d.vaccineCode);
    if (!r) rows.set(d.vaccineCode, (r = { vaccineCode: d.vaccineCode, vaccineName: vaccineName(d.vaccineCode), under12m: 0, from12to23m: 0, over24m: 0, women: 0, total: 0 }));
    r.total++;
    if (d.seriesKey === 'uv') r.women++;
    else if (d.birthDate.length === 10) r[ageGroup(d.birthDate, d.givenOn)]++;
    else r.over24m++;
  }
  return [...rows.values()].sort((a, b) => a.vaccineCode.localeCompare(b.vaccineCode));
}

export function coverage(ctx: HandlerContext, month: string, hamletId: string | null): Coverage {
  const data = load(ctx, month, hamletId);
  const names = hamletNames(ctx.station.sqlite);
  const hamletIds = [...new Set([...data.children.map((c) => c.hamletId), ...data.women.map((w) => w.hamletId), ...data.doses.map((d) => d.hamletId)])];
  const order = (id: string | null) => (id ? (names.get(id)?.sort ?? 1e9) : 2e9);
  const byHamlet = hamletIds
    .sort((a, b) => order(a) - order(b))
    .map((h) => ({
      hamletId: h,
      hamletName: h ? (names.get(h)?.name ?? null) : null,
      doses: data.doses.filter((d) => d.hamletId === h).length,
      figures: coverageFigures(
        month,
        data.children.filter((c) => c.hamletId === h),
        data.women.filter((w) => w.hamletId === h),
      ),
    }));
  return { month, hamletId, dosesByVaccine: doseTable(data.doses), figures: coverageFigures(month, data.children, data.women), byHamlet };
}

export function coverageTrend(ctx: HandlerContext, month: string, hamletId: string | null) {
  return Array.from({ length: 12 }, (_, i) => {
    const m = addMonths(`${month}-01`, i - 11).slice(0, 7);
    const c = coverage(ctx, m, hamletId);
    return { month: m, doses: c.dosesByVaccine.reduce((n, r) => n + r.total, 0), figures: c.figures };
  });
}
