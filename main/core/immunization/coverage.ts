import type { ProcedureOutput } from '../../../shared/contract/index.js';
import { addDays, addMonths } from '../../../shared/immunization/dates.js';
import { evaluateSchedule } from '../../../shared/immunization/engine.js';
import { FULLY_IMMUNIZED, ageGroup, coverageFigures, type ChildFacts, type WomanFacts } from '../../../shared/immunization/coverage.js';
import { pruneSchedule } from '../../../shared/immunization/pruning.js';
import type { Schedule } from '../../../shared/immunization/schedule-schema.js';
import { vaccineName } from '../../../shared/immunization/vaccines.js';
import type { HandlerContext } from '../dispatch/types.js';
import type { Station } from '../station.js';
import { readMeta, writeMeta } from '../sync-data/meta.js';
import { evaluatePerson, recordedDoses } from './evaluate.js';
import { doseFactsOf, hamletNames, pregnanciesOf, type DoseFact } from './repo.js';
import { scheduleFor } from './schedules.js';

/**
 * Monthly coverage (issue 7 §6). Loads only the people a month's figures can involve — children born in the 25
 * months before it or with a DPT dose this year, women with a pregnancy due or a tetanus dose in the month — and
 * hands their facts on the month's last day to shared/immunization/coverage.ts.
 *
 * Children's facts come from `imm_coverage_cache` (docs/immunization.md "Coverage speed"): the engine runs once per
 * change of a person, not once per child per report. A dose's validity does not depend on the evaluation date — the
 * engine checks doses in date order and marks those after the date invalid without letting them delay anything —
 * so the valid dates evaluated on a far date, cut at a month's end, are exactly that month's. A month whose schedule
 * version is not the one in force today (a report from before a new version) is evaluated directly, as before.
 * A 12-month trend loads the whole window once and cuts it month by month.
 */

type Coverage = Omit<ProcedureOutput<'imm.coverage'>, 'trend'>;
type Trend = ProcedureOutput<'imm.coverage'>['trend'];

/** Series the coverage figures use (FULLY_IMMUNIZED, hep B birth dose, DPT4, MR); BCG and measles are the live injected ones. */
const COVERAGE_SERIES = new Set([...FULLY_IMMUNIZED.map((r) => r.series), 'hepb-birth', 'dpt', 'measles']);
/** The cached facts are evaluated on this date (the engine's last day): every recorded dose is before it. */
const FAR_DATE = '2200-12-31';
const REFRESH_BATCH = 4000;

function monthEnd(month: string): string {
  return addDays(addMonths(`${month}-01`, 1), -1);
}

/** The dates a month's selection needs. */
function monthSpan(month: string) {
  const start = `${month}-01`;
  return { month, start, end: monthEnd(month), yearStart: `${month.slice(0, 4)}-01-01`, cohortStart: addMonths(start, -25) };
}
type Span = ReturnType<typeof monthSpan>;

/** Only the series the figures read (live injected ones included, so validity is the full schedule's): fewer to evaluate. */
const pruned = new WeakMap<Schedule, Schedule>();
function coverageSchedule(full: Schedule): Schedule {
  let s = pruned.get(full);
  if (!s) {
    s = pruneSchedule(
      full,
      full.series.map((x, i) => (COVERAGE_SERIES.has(x.key) ? i : -1)).filter((i) => i >= 0),
    );
    pruned.set(full, s);
  }
  return s;
}

/** Valid dates by series of the coverage series (every series key present, as the engine lists them). */
function validDates(schedule: Schedule, person: { birthDate: string; sex: 'M' | 'F' }, facts: readonly DoseFact[], date: string): Record<string, string[]> {
  const ev = evaluatePerson(schedule, person, facts, [], date);
  const valid: Record<string, string[]> = {};
  for (const s of ev.series) valid[s.key] = s.doses.filter((d) => d.valid).map((d) => d.dose.date);
  return valid;
}

/**
 * Brings `imm_coverage_cache` up to date for the children's schedule version `full`: rows made stale by the triggers
 * (new persons; changed birth dates, households, hamlets or doses; sync included) are computed again, and a change of
 * version makes every row stale once. Short transactions of its own, like the due cache (a local table, not synced).
 */
export function refreshCoverageCache(station: Station, full: Schedule, maxRows = Infinity): number {
  const sqlite = station.sqlite;
  if (readMeta(sqlite, 'imm.coverageCache.schedule') !== full.id) {
    sqlite.transaction(() => {
      sqlite.prepare(`UPDATE imm_coverage_cache SET stale = 1`).run();
      writeMeta(sqlite, 'imm.coverageCache.schedule', full.id);
    })();
  }
  const schedule = coverageSchedule(full);
  const pick = sqlite.prepare(`SELECT person_id FROM imm_coverage_cache WHERE stale = 1 LIMIT ?`).pluck();
  const people = sqlite.prepare(
    `SELECT p.id, p.birth_date, p.sex, h.hamlet_id, (p.deleted = 0 AND p.merged_into IS NULL AND length(p.birth_date) = 10) AS countable
     FROM persons p LEFT JOIN households h ON h.id = p.household_id WHERE p.id IN (SELECT value FROM json_each(?))`,
  );
  // The hep B birth doses found among the facts, by id (primary key: no scan of the children's other doses).
  const within = sqlite.prepare(`SELECT person_id FROM imm_doses WHERE id IN (SELECT value FROM json_each(?)) AND within_24h = 1`).pluck();
  const update = sqlite.prepare(
    `UPDATE imm_coverage_cache SET stale = 0, schedule_id = @scheduleId, birth_date = @birthDate, hamlet_id = @hamletId, valid = @valid,
       hepb_within_24h = @within, dpt_doses = @dptDoses, last_dpt_on = @lastDptOn
     WHERE person_id = @personId`,
  );
  const drop = sqlite.prepare(`DELETE FROM imm_coverage_cache WHERE person_id = ?`);
  let refreshed = 0;
  while (refreshed < maxRows) {
    const ids = pick.all(Math.min(REFRESH_BATCH, maxRows - refreshed)) as string[];
    if (ids.length === 0) break;
    const rows = people.raw().all(JSON.stringify(ids)) as [string, string, 'M' | 'F', string | null, number][];
    const found = new Map(rows.map((r) => [r[0], r]));
    const countable = rows.filter((r) => r[4] === 1).map((r) => r[0]);
    const facts = doseFactsOf(sqlite, countable);
    const hepb: string[] = [];
    for (const list of facts.values()) for (const d of list) if (d.seriesKey === 'hepb-birth') hepb.push(d.id);
    const within24h = new Set(within.all(JSON.stringify(hepb)) as string[]);
    sqlite.transaction(() => {
      for (const id of ids) {
        const p = found.get(id);
        if (!p) {
          drop.run(id); // the person row is gone (never happens with tombstones)
          continue;
        }
        const [, birthDate, sex, hamletId, ok] = p;
        if (ok !== 1) {
          update.run({ personId: id, scheduleId: full.id, birthDate: null, hamletId, valid: null, within: null, dptDoses: null, lastDptOn: null });
          continue;
        }
        const mine = facts.get(id) ?? [];
        const dpt = mine.filter((d) => d.seriesKey === 'dpt').map((d) => d.givenOn).sort();
        // Without a dose of a coverage series nothing is valid: the engine is not run.
        const valid = recordedDoses(schedule, mine).length ? validDates(schedule, { birthDate, sex }, mine, FAR_DATE) : null;
        const any = valid !== null && Object.values(valid).some((v) => v.length > 0);
        update.run({
          personId: id,
          scheduleId: full.id,
          birthDate,
          hamletId,
          valid: any ? JSON.stringify(valid) : null,
          within: within24h.has(id) ? 1 : null,
          dptDoses: dpt.length ? dpt.join(',') : null,
          lastDptOn: dpt.length ? dpt[dpt.length - 1]! : null,
        });
      }
    })();
    refreshed += ids.length;
  }
  return refreshed;
}

interface Loaded {
  children: ChildFacts[];
  women: WomanFacts[];
  /** Doses given here in the month (the last month of a load only; see loadMonths). */
  doses: { vaccineCode: string; seriesKey: string | null; givenOn: string; birthDate: string; hamletId: string | null }[];
  doseCount: number;
}

/** A month's children evaluated directly by the engine on the month's last day (a schedule version other than the cached one). */
function childrenDirect(ctx: HandlerContext, s: Span, full: Schedule, hamletId: string | null): ChildFacts[] {
  const sqlite = ctx.station.sqlite;
  const kids = sqlite
    .prepare(
      `SELECT p.id, p.birth_date, p.sex, h.hamlet_id FROM persons p LEFT JOIN households h ON h.id = p.household_id
       WHERE p.deleted = 0 AND p.merged_into IS NULL AND length(p.birth_date) = 10 AND p.birth_date <= @end
         AND (p.birth_date >= @cohortStart OR p.id IN (SELECT person_id FROM imm_doses WHERE given_on BETWEEN @yearStart AND @end AND deleted = 0 AND voided_at IS NULL AND series_key = 'dpt'))
         AND (@hamlet IS NULL OR h.hamlet_id = @hamlet)`,
    )
    .raw()
    .all({ end: s.end, cohortStart: s.cohortStart, yearStart: s.yearStart, hamlet: hamletId }) as [string, string, 'M' | 'F', string | null][];
  const schedule = coverageSchedule(full);
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
  return kids.map(([id, birthDate, sex, hamlet]) => ({
    personId: id,
    hamletId: hamlet,
    birthDate,
    valid: validDates(schedule, { birthDate, sex }, facts.get(id) ?? [], s.end),
    hepbWithin24h: within.has(id) ? true : null,
  }));
}

/** A cached child, with every valid date (cut per month). */
interface CachedChild {
  personId: string;
  birthDate: string;
  hamletId: string | null;
  valid: Record<string, string[]>;
  hepbWithin24h: true | null;
  dptDoses: string[];
}

/** The cached children any month of `spans` can involve: born in the window's cohorts, or older with a DPT dose in its years. */
function cachedChildren(ctx: HandlerContext, spans: readonly Span[], hamletId: string | null): CachedChild[] {
  const first = spans[0]!;
  const last = spans[spans.length - 1]!;
  const rows = ctx.station.sqlite
    .prepare(
      `SELECT person_id, birth_date, hamlet_id, valid, hepb_within_24h, dpt_doses FROM imm_coverage_cache
       WHERE birth_date BETWEEN @cohortStart AND @end AND (@hamlet IS NULL OR hamlet_id = @hamlet)
       UNION ALL
       SELECT person_id, birth_date, hamlet_id, valid, hepb_within_24h, dpt_doses FROM imm_coverage_cache
       WHERE last_dpt_on >= @yearStart AND birth_date < @cohortStart AND (@hamlet IS NULL OR hamlet_id = @hamlet)`,
    )
    .raw()
    .all({ cohortStart: first.cohortStart, end: last.end, yearStart: first.yearStart, hamlet: hamletId }) as [string, string, string | null, string | null, number | null, string | null][];
  return rows.map(([personId, birthDate, hamlet, valid, within, dpt]) => ({
    personId,
    birthDate,
    hamletId: hamlet,
    valid: valid ? (JSON.parse(valid) as Record<string, string[]>) : {},
    hepbWithin24h: within === 1 ? true : null,
    dptDoses: dpt ? dpt.split(',') : [],
  }));
}

/** The month's children among the cached ones, as the direct query selects them, with the valid dates up to its end. */
function childrenOfMonth(all: readonly CachedChild[], s: Span): ChildFacts[] {
  const out: ChildFacts[] = [];
  for (const c of all) {
    if (c.birthDate > s.end) continue;
    if (c.birthDate < s.cohortStart && !c.dptDoses.some((d) => d >= s.yearStart && d <= s.end)) continue;
    const valid: Record<string, string[]> = {};
    for (const [k, dates] of Object.entries(c.valid)) valid[k] = dates[dates.length - 1]! <= s.end ? dates : dates.filter((d) => d <= s.end);
    out.push({ personId: c.personId, hamletId: c.hamletId, birthDate: c.birthDate, valid, hepbWithin24h: c.hepbWithin24h });
  }
  return out;
}

/** Women with a pregnancy due or a tetanus dose in the window; per month, those with one in that month. */
function womenOfWindow(ctx: HandlerContext, spans: readonly Span[], hamletId: string | null): Map<string, WomanFacts[]> {
  const sqlite = ctx.station.sqlite;
  const start = spans[0]!.start;
  const end = spans[spans.length - 1]!.end;
  const rows = sqlite
    .prepare(
      `SELECT p.id, p.birth_date, h.hamlet_id FROM persons p LEFT JOIN households h ON h.id = p.household_id
       WHERE p.id IN (SELECT person_id FROM imm_pregnancies WHERE deleted = 0 AND expected_delivery BETWEEN @start AND @end
                      UNION SELECT person_id FROM imm_doses WHERE deleted = 0 AND voided_at IS NULL AND series_key = 'uv' AND given_on BETWEEN @start AND @end)
         AND p.deleted = 0 AND p.merged_into IS NULL AND p.sex = 'F' AND (@hamlet IS NULL OR h.hamlet_id = @hamlet)`,
    )
    .raw()
    .all({ start, end, hamlet: hamletId }) as [string, string, string | null][];
  const ids = rows.map((w) => w[0]);
  const doses = doseFactsOf(sqlite, ids);
  const pregs = pregnanciesOf(sqlite, ids);
  // Each woman is evaluated once per schedule version in force at the months' ends, on the latest of them; a
  // month takes the valid dates up to its own end.
  const byVersion = new Map<Schedule, string>();
  const versionOf = new Map<string, Schedule>();
  for (const s of spans) {
    const v = scheduleFor(ctx.station, 'tetanus-women', s.end);
    versionOf.set(s.month, v);
    byVersion.set(v, s.end);
  }
  const out = new Map<string, WomanFacts[]>(spans.map((s) => [s.month, []]));
  for (const [id, birthDate, hamlet] of rows) {
    const mine = pregs.get(id) ?? [];
    const facts = doses.get(id) ?? [];
    const uvGiven = facts.filter((d) => d.seriesKey === 'uv').map((d) => d.givenOn);
    const pregnancies = mine.map((p) => ({ expectedDelivery: p.expectedDelivery, start: p.lmp ?? addDays(p.expectedDelivery, -280), end: p.endedOn ?? p.expectedDelivery }));
    const uvByVersion = new Map<Schedule, string[]>();
    for (const [v, date] of byVersion) {
      const ev = evaluatePerson(v, { birthDate, sex: 'F' }, facts, mine, date);
      uvByVersion.set(v, ev.series.flatMap((x) => x.doses.filter((d) => d.valid).map((d) => d.dose.date)).sort());
    }
    for (const s of spans) {
      const inMonth = (d: string) => d >= s.start && d <= s.end;
      if (!mine.some((p) => inMonth(p.expectedDelivery)) && !uvGiven.some(inMonth)) continue;
      out.get(s.month)!.push({ personId: id, hamletId: hamlet, uv: uvByVersion.get(versionOf.get(s.month)!)!.filter((d) => d <= s.end), pregnancies });
    }
  }
  return out;
}

/** How many doses were given here in each month of the window (the trend needs no more: no birth dates read). */
function doseCounts(ctx: HandlerContext, spans: readonly Span[], hamletId: string | null): Map<string, number> {
  const dates = ctx.station.sqlite
    .prepare(
      hamletId === null
        ? `SELECT d.given_on FROM imm_doses d WHERE d.given_on BETWEEN @start AND @end AND d.deleted = 0 AND d.voided_at IS NULL AND d.given_elsewhere = 0
             AND EXISTS (SELECT 1 FROM persons p WHERE p.id = d.person_id)`
        : `SELECT d.given_on FROM imm_doses d JOIN persons p ON p.id = d.person_id JOIN households h ON h.id = p.household_id
           WHERE d.given_on BETWEEN @start AND @end AND d.deleted = 0 AND d.voided_at IS NULL AND d.given_elsewhere = 0 AND h.hamlet_id = @hamlet`,
    )
    .pluck()
    .all({ start: spans[0]!.start, end: spans[spans.length - 1]!.end, ...(hamletId === null ? {} : { hamlet: hamletId }) }) as string[];
  const out = new Map(spans.map((s) => [s.month, 0]));
  const byMonth = new Map(spans.map((s) => [s.month, s]));
  for (const givenOn of dates) {
    const s = byMonth.get(givenOn.slice(0, 7));
    if (s && givenOn >= s.start && givenOn <= s.end) out.set(s.month, out.get(s.month)! + 1);
  }
  return out;
}

/** Doses given here in the window, by month. */
function dosesOfWindow(ctx: HandlerContext, spans: readonly Span[], hamletId: string | null): Map<string, Loaded['doses']> {
  const rows = ctx.station.sqlite
    .prepare(
      `SELECT d.vaccine_code, d.series_key, d.given_on, p.birth_date, h.hamlet_id FROM imm_doses d JOIN persons p ON p.id = d.person_id
       LEFT JOIN households h ON h.id = p.household_id
       WHERE d.given_on BETWEEN @start AND @end AND d.deleted = 0 AND d.voided_at IS NULL AND d.given_elsewhere = 0
         AND (@hamlet IS NULL OR h.hamlet_id = @hamlet)`,
    )
    .raw()
    .all({ start: spans[0]!.start, end: spans[spans.length - 1]!.end, hamlet: hamletId }) as [string, string | null, string, string, string | null][];
  const out = new Map<string, Loaded['doses']>(spans.map((s) => [s.month, []]));
  const byMonth = new Map(spans.map((s) => [s.month, s]));
  for (const [vaccineCode, seriesKey, givenOn, birthDate, hamlet] of rows) {
    const s = byMonth.get(givenOn.slice(0, 7));
    if (s && givenOn >= s.start && givenOn <= s.end) out.get(s.month)!.push({ vaccineCode, seriesKey, givenOn, birthDate, hamletId: hamlet });
  }
  return out;
}

/**
 * The facts of consecutive months (oldest first), loaded once for the whole window; the doses given here are read
 * row by row only for the last month (its table by vaccine and age), and counted for the others.
 */
function loadMonths(ctx: HandlerContext, months: readonly string[], hamletId: string | null): Map<string, Loaded> {
  const spans = months.map(monthSpan);
  const cachedVersion = scheduleFor(ctx.station, 'epi-children', ctx.today);
  const versions = new Map(spans.map((s) => [s.month, scheduleFor(ctx.station, 'epi-children', s.end)]));
  const fromCache = spans.filter((s) => versions.get(s.month)!.id === cachedVersion.id);
  let cached: CachedChild[] = [];
  if (fromCache.length) {
    refreshCoverageCache(ctx.station, cachedVersion);
    cached = cachedChildren(ctx, fromCache, hamletId);
  }
  const women = womenOfWindow(ctx, spans, hamletId);
  const last = spans[spans.length - 1]!;
  const doses = dosesOfWindow(ctx, [last], hamletId).get(last.month)!;
  const counts = spans.length > 1 ? doseCounts(ctx, spans.slice(0, -1), hamletId) : new Map<string, number>();
  const out = new Map<string, Loaded>();
  for (const s of spans) {
    const full = versions.get(s.month)!;
    const children = full.id === cachedVersion.id ? childrenOfMonth(cached, s) : childrenDirect(ctx, s, full, hamletId);
    const mine = s === last ? doses : [];
    out.set(s.month, { children, women: women.get(s.month)!, doses: mine, doseCount: s === last ? doses.length : counts.get(s.month)! });
  }
  return out;
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

function monthCoverage(ctx: HandlerContext, month: string, hamletId: string | null, data: Loaded): Coverage {
  const names = hamletNames(ctx.station.sqlite);
  const hamletIds = [...new Set([...data.children.map((c) => c.hamletId), ...data.women.map((w) => w.hamletId), ...data.doses.map((d) => d.hamletId)])];
  const order = (id: string | null) => (id ? (names.get(id)?.sort ?? 1e9) : 2e9);
  const group = <T extends { hamletId: string | null }>(rows: readonly T[]) => {
    const out = new Map<string | null, T[]>();
    for (const r of rows) {
      const list = out.get(r.hamletId);
      if (list) list.push(r);
      else out.set(r.hamletId, [r]);
    }
    return out;
  };
  const children = group(data.children);
  const women = group(data.women);
  const doses = group(data.doses);
  const byHamlet = hamletIds
    // Hamlets of equal order (a deleted hamlet, equal sort numbers) by id, whatever order the rows came in.
    .sort((a, b) => order(a) - order(b) || (a ?? '').localeCompare(b ?? ''))
    .map((h) => ({
      hamletId: h,
      hamletName: h ? (names.get(h)?.name ?? null) : null,
      doses: doses.get(h)?.length ?? 0,
      figures: coverageFigures(month, children.get(h) ?? [], women.get(h) ?? []),
    }));
  return { month, hamletId, dosesByVaccine: doseTable(data.doses), figures: coverageFigures(month, data.children, data.women), byHamlet };
}

export function coverage(ctx: HandlerContext, month: string, hamletId: string | null): Coverage {
  return monthCoverage(ctx, month, hamletId, loadMonths(ctx, [month], hamletId).get(month)!);
}

/** The month's coverage and, when asked, the 12 months ending with it — all from one load. */
export function coverageReport(ctx: HandlerContext, month: string, hamletId: string | null, trend: boolean): Coverage & { trend: Trend } {
  if (!trend) return { ...coverage(ctx, month, hamletId), trend: [] };
  const months = Array.from({ length: 12 }, (_, i) => addMonths(`${month}-01`, i - 11).slice(0, 7));
  const loaded = loadMonths(ctx, months, hamletId);
  const points = months.map((m) => {
    const data = loaded.get(m)!;
    return { month: m, doses: data.doseCount, figures: coverageFigures(m, data.children, data.women) };
  });
  return { ...monthCoverage(ctx, month, hamletId, loaded.get(month)!), trend: points };
}
