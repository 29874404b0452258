import { isProcedureName, type ProcedureInput, type ProcedureName, type ProcedureOutput } from '../../shared/contract/index.js';
import type { BenchContext } from '../harness/context.js';
import { measure, spread, stats, type MeasureOptions } from '../harness/measure.js';
import { withStatus, type BenchResult, type Budget } from '../harness/report.js';
import { seedImmunizationHistories } from '../seed/immunization-histories.js';

/**
 * Immunization (issue 7 §7), through dispatch as the administrator, on the station's generated histories
 * (bench/seed/immunization.ts: two years of sessions, stock, pregnancies, the copied paper register): the due list
 * of a session covering every hamlet (≤ 300 ms) and the monthly coverage report (≤ 1 s) at 100,000 persons — the
 * issue's two budgets — plus the screens around them: the first due list after every cached row went stale, one
 * session point's list, the vaccine need, a person's card, the A2.1 register of a month, the session board of the
 * busiest session and stock on hand.
 *
 * A station cached before the immunization shape gets simplified histories written into the work copy with SQL
 * (bench/seed/immunization-histories.ts), so the due list and coverage can still be measured; the note says so.
 */
export const DUE_LIST_BUDGET_MS = 300;
/**
 * The "women 15–35" option lists every woman of that age short of five tetanus doses (≈ 17,000 at 100,000 persons):
 * a campaign list the size of a report, not a session's invitation list, so it is held to a report's 2 s (the team's
 * target, not the issue's; each row costs ≈ 45 µs to build, check and send).
 */
export const WOMEN_LIST_BUDGET_MS = 2000;
export const COVERAGE_BUDGET_MS = 1000;
/** Not in the issue: the person page's budget (the card is the person page's immunization tab). */
export const CARD_BUDGET_MS = 50;
/** Not in the issue: the visit register's budget, for the child immunization register of a month. */
export const REGISTER_BUDGET_MS = 1000;
/** Not in the issue: every workstation polls the board during a session, so it must stay well under a second. */
export const BOARD_BUDGET_MS = 200;
/** Not in the issue: the stock screen is an ordinary page. */
export const STOCK_BUDGET_MS = 100;

const BUILDING = 'Chức năng đang được xây dựng';

type Outcome<N extends ProcedureName> = { ok: true; value: ProcedureOutput<N> } | { ok: false; note: string };

/** One call that may fail because the procedure is not built yet (the handler refuses) — told apart from a bug. */
async function probe<N extends ProcedureName>(ctx: BenchContext, name: N, input: ProcedureInput<N>): Promise<Outcome<N>> {
  if (!isProcedureName(name)) return { ok: false, note: `${name} is not in the contract` };
  const r = await ctx.backend.dispatch(name, input, ctx.caller);
  if (r.ok) return { ok: true, value: r.value as ProcedureOutput<N> };
  if (r.error.message.includes(BUILDING) || r.error.code === 'UNKNOWN_PROCEDURE') return { ok: false, note: `${name} not built yet` };
  throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
}

export async function runImmunization(ctx: BenchContext): Promise<BenchResult[]> {
  const base = { persons: ctx.persons, level: 'dispatch' as const, unit: 'ms' as const };
  const at100k = (metric: Budget['metric'], limit: number): Budget => ({ metric, limit, persons: 100_000 });
  const sqlite = ctx.backend.station.sqlite;
  const hasTable = (name: string) => Boolean(sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));
  if (!hasTable('imm_doses') || !isProcedureName('imm.dueList')) {
    const note = 'no immunization tables or procedures';
    return [
      withStatus({ ...base, id: 'imm-due.all', title: 'Immunization due list, session covering every hamlet', budget: at100k('p95', DUE_LIST_BUDGET_MS), status: 'not built yet', note }),
      withStatus({ ...base, id: 'imm-coverage.month', title: 'Immunization monthly coverage', budget: at100k('p95', COVERAGE_BUDGET_MS), status: 'not built yet', note }),
    ];
  }
  const today = ctx.manifest.options.today;
  const generated = (sqlite.prepare('SELECT count(*) FROM imm_sessions WHERE deleted = 0').pluck().get() as number) > 0;
  let source = 'generated histories';
  if (!generated) {
    const seeded = seedImmunizationHistories(sqlite, ctx.manifest.facility.code, today, ctx.seed);
    source = `SQL-seeded histories (station cached before the immunization shape): ${seeded.children} children, ${seeded.doses} doses, ${seeded.pregnancies} pregnancies`;
  }
  const doseRows = sqlite.prepare('SELECT count(*) FROM imm_doses WHERE deleted = 0').pluck().get() as number;
  const results: BenchResult[] = [];
  const hamlets = (await ctx.call('hamlets.list', {})).hamlets.map((h) => h.id);
  const listOpts = ctx.runs({ warmup: 3, runs: 40 }, { warmup: 2, runs: 15 });

  // ── Due list: a session over every hamlet on the date of the next planned session ──────────────────────────────
  const planned = generated ? (await ctx.call('imm.sessions', { from: today })).sessions.filter((s) => s.date > today).sort((a, b) => a.date.localeCompare(b.date)) : [];
  const date = planned[0]?.date ?? today;
  const session = (await ctx.call('imm.createSession', { date, place: 'Trạm Y tế (benchmark: mọi thôn)', hamletIds: hamlets })).session;
  // Cold: every cached row stale, as after the migration or a new schedule version (the first list refreshes them).
  if (hasTable('imm_due_cache')) sqlite.prepare('UPDATE imm_due_cache SET stale = 1').run();
  const t0 = performance.now();
  const first = await ctx.call('imm.dueList', { sessionId: session.id });
  const coldMs = performance.now() - t0;
  results.push(
    withStatus({ ...base, id: 'imm-due.cold', title: 'Immunization due list, first call after every cached row went stale', value: coldMs, note: `${first.total} due; ${doseRows} doses on record (${source})` }),
  );
  let due = first;
  const all = await measure(async () => (due = await ctx.call('imm.dueList', { sessionId: session.id })), listOpts);
  const children = due.groups.reduce((n, g) => n + g.rows.filter((r) => r.group === 'child').length, 0);
  const doseCount = Object.values(due.dosesByVaccine).reduce((a, b) => a + b, 0);
  results.push(
    withStatus({
      ...base,
      id: 'imm-due.all',
      title: 'Immunization due list, session covering every hamlet (imm.dueList)',
      stats: stats(all),
      budget: at100k('p95', DUE_LIST_BUDGET_MS),
      note: `${date}, ${hamlets.length} hamlets: ${due.total} persons due (${children} children, ${due.total - children} pregnant women), ${doseCount} doses`,
      details: { coldMs, total: due.total, dosesByVaccine: due.dosesByVaccine },
    }),
  );
  let withWomen = 0;
  const w = await measure(async () => (withWomen = (await ctx.call('imm.dueList', { sessionId: session.id, includeWomen: true })).total), ctx.runs({ warmup: 2, runs: 20 }, { warmup: 1, runs: 8 }));
  results.push(withStatus({ ...base, id: 'imm-due.women', title: 'Immunization due list, every hamlet, with women 15–35 (option)', stats: stats(w), budget: at100k('p95', WOMEN_LIST_BUDGET_MS), note: `${withWomen} persons due` }));
  // A session point's own list: the planned sessions of next month, one point at a time (else one hamlet at a time).
  let perPoint = 0;
  const sample = spread(hamlets, 20);
  const p = await measure(
    async (i) =>
      (perPoint += planned.length
        ? (await ctx.call('imm.dueList', { sessionId: planned[i % planned.length]!.id })).total
        : (await ctx.call('imm.dueList', { date, hamletIds: [sample[i % sample.length]!] })).total),
    listOpts,
  );
  results.push(
    withStatus({
      ...base,
      id: 'imm-due.point',
      title: planned.length ? "Immunization due list, one session point's hamlets" : 'Immunization due list, one hamlet',
      stats: stats(p),
      budget: at100k('p95', DUE_LIST_BUDGET_MS),
      note: `${planned.length ? `${planned.length} planned session${planned.length === 1 ? '' : 's'}` : `${sample.length} hamlets`} in turn, ${(perPoint / (listOpts.warmup + listOpts.runs)).toFixed(0)} persons due on average`,
    }),
  );
  const needOpts = ctx.runs({ warmup: 2, runs: 20 }, { warmup: 1, runs: 8 });
  let needRows = 0;
  const need = await measure(async () => (needRows = (await ctx.call('imm.vaccineNeed', { sessionId: session.id })).rows.length), needOpts);
  results.push(withStatus({ ...base, id: 'imm-need.all', title: 'Vaccine need of the every-hamlet session (imm.vaccineNeed)', stats: stats(need), budget: at100k('p95', DUE_LIST_BUDGET_MS), note: `${needRows} vaccines` }));

  // ── Monthly coverage of the last full month ───────────────────────────────────────────────────────────────────
  const month = ctx.manifest.registerMonth.from.slice(0, 7);
  const covBudget = at100k('p95', COVERAGE_BUDGET_MS);
  // Cold: every coverage row stale, as after the migration or a new schedule version (the first report refreshes them).
  if (hasTable('imm_coverage_cache')) sqlite.prepare('UPDATE imm_coverage_cache SET stale = 1').run();
  const covStart = performance.now();
  const probeCov = await probe(ctx, 'imm.coverage', { month });
  const covColdMs = performance.now() - covStart;
  if (probeCov.ok && hasTable('imm_coverage_cache'))
    results.push(withStatus({ ...base, id: 'imm-coverage.cold', title: 'Immunization monthly coverage, first call after every cached row went stale', value: covColdMs, note: `${month}` }));
  if (!probeCov.ok) {
    results.push(withStatus({ ...base, id: 'imm-coverage.month', title: 'Immunization monthly coverage (imm.coverage)', budget: covBudget, status: 'not built yet', note: probeCov.note }));
  } else {
    const covOpts = ctx.runs({ warmup: 2, runs: 20 }, { warmup: 1, runs: 8 });
    let cov = probeCov.value;
    const c = await measure(async () => (cov = await ctx.call('imm.coverage', { month })), covOpts);
    const f = cov.figures;
    const pct = (x: { rate: number | null }) => (x.rate === null ? '—' : `${(100 * x.rate).toFixed(0)} %`);
    results.push(
      withStatus({
        ...base,
        id: 'imm-coverage.month',
        title: 'Immunization monthly coverage (imm.coverage)',
        stats: stats(c),
        budget: covBudget,
        note:
          `${month}: ${cov.dosesByVaccine.reduce((n, v) => n + v.total, 0)} doses; fully immunized under 1: ${f.fullyImmunizedUnder1}, cohort ${pct(f.fullyImmunizedCohort)}; ` +
          `hep B ≤ 24 h ${pct(f.hepbBirthWithin24h)}; DPT 1→3 drop-out ${f.dptDropout.rate === null ? '—' : `${(100 * f.dptDropout.rate).toFixed(1)} %`}; MR ${pct(f.mr18)}, DPT4 ${pct(f.dpt418)}; ` +
          `UV2+ ${f.pregnantUv2PlusInMonth}; ${cov.byHamlet.length} hamlets`,
      }),
    );
    const ch = await measure((i) => ctx.call('imm.coverage', { month, hamletId: sample[i % sample.length]! }), covOpts);
    results.push(withStatus({ ...base, id: 'imm-coverage.hamlet', title: 'Immunization monthly coverage, one hamlet', stats: stats(ch), budget: covBudget, note: `${sample.length} hamlets in turn` }));
    const trendOpts = ctx.runs({ warmup: 1, runs: 8 }, { warmup: 1, runs: 3 });
    const tr = await measure(() => ctx.call('imm.coverage', { month, trend: true }), trendOpts);
    results.push(withStatus({ ...base, id: 'imm-coverage.trend', title: 'Immunization monthly coverage + 12-month trend', stats: stats(tr), note: 'no budget in the issue' }));
  }

  // ── A person's card (the person page's immunization tab) ──────────────────────────────────────────────────────
  const people = spread(sqlite.prepare('SELECT DISTINCT person_id FROM imm_doses WHERE deleted = 0 ORDER BY person_id').pluck().all() as string[], 200);
  const cardOpts: MeasureOptions = ctx.runs({ warmup: 20, runs: 600 }, { warmup: 10, runs: 150 });
  let shown = 0;
  const card = await measure(async (i) => {
    const r = await ctx.call('imm.personCard', { personId: people[i % people.length]! });
    shown += r.cards.reduce((n, c) => n + c.series.reduce((m, s) => m + s.doses.length, 0), 0);
  }, cardOpts);
  results.push(
    withStatus({
      ...base,
      id: 'imm-card.person',
      title: 'Immunization card of a person (imm.personCard)',
      stats: stats(card),
      budget: at100k('p95', CARD_BUDGET_MS),
      note: `${people.length} persons with doses, ${(shown / (cardOpts.warmup + cardOpts.runs)).toFixed(1)} doses per card on average`,
    }),
  );

  // ── Child immunization register (A2.1) of the last full month, on screen and as .xlsx ─────────────────────────
  const regBudget = at100k('max', REGISTER_BUDGET_MS);
  const { from, to } = ctx.manifest.registerMonth;
  const probeReg = await probe(ctx, 'imm.register', { from, to });
  if (!probeReg.ok) {
    results.push(withStatus({ ...base, id: 'imm-register.month', title: 'Child immunization register (A2.1), one month', budget: regBudget, status: 'not built yet', note: probeReg.note }));
  } else {
    const regOpts = ctx.runs({ warmup: 1, runs: 5 }, { warmup: 1, runs: 3 });
    let rows = probeReg.value.rows.length;
    const reg = await measure(async () => (rows = (await ctx.call('imm.register', { from, to })).rows.length), regOpts);
    results.push(withStatus({ ...base, id: 'imm-register.month', title: 'Child immunization register (A2.1), one month (imm.register)', stats: stats(reg), budget: regBudget, note: `children born ${from} … ${to}: ${rows} rows` }));
    const probeXlsx = await probe(ctx, 'imm.registerExport', { from, to, format: 'xlsx' });
    if (!probeXlsx.ok) {
      results.push(withStatus({ ...base, id: 'imm-register.xlsx', title: 'Child immunization register .xlsx, one month', budget: regBudget, status: 'not built yet', note: probeXlsx.note }));
    } else {
      let bytes = 0;
      const x = await measure(async () => (bytes = Buffer.from((await ctx.call('imm.registerExport', { from, to, format: 'xlsx' })).contentBase64, 'base64').length), regOpts);
      results.push(withStatus({ ...base, id: 'imm-register.xlsx', title: 'Child immunization register .xlsx, one month', stats: stats(x), budget: regBudget, note: `${rows} rows, ${(bytes / 1024).toFixed(0)} KB` }));
    }
  }

  // ── The session board of the busiest session, and stock on hand ──────────────────────────────────────────────
  const busiest = sqlite
    .prepare('SELECT session_id AS id, count(*) AS n FROM imm_attendance WHERE deleted = 0 GROUP BY session_id ORDER BY n DESC, session_id LIMIT 1')
    .get() as { id: string; n: number } | undefined;
  if (busiest) {
    let entries = 0;
    let vaccinated = 0;
    const b = await measure(async () => {
      const r = await ctx.call('imm.sessionBoard', { sessionId: busiest.id });
      entries = r.entries.length;
      vaccinated = r.counts.observing + r.counts.left;
    }, listOpts);
    results.push(
      withStatus({ ...base, id: 'imm-board.busiest', title: 'Session board of the busiest session (imm.sessionBoard)', stats: stats(b), budget: at100k('p95', BOARD_BUDGET_MS), note: `${entries} check-ins, ${vaccinated} vaccinated` }),
    );
  }
  if (generated) {
    let lots = 0;
    let warnings = 0;
    const s = await measure(async () => {
      const r = await ctx.call('imm.stock', {});
      lots = r.vaccines.reduce((n, v) => n + v.lots.length, 0);
      warnings = r.warnings.length;
    }, listOpts);
    const movements = sqlite.prepare('SELECT count(*) FROM imm_movements WHERE deleted = 0').pluck().get() as number;
    results.push(withStatus({ ...base, id: 'imm-stock', title: 'Vaccine stock on hand (imm.stock)', stats: stats(s), budget: at100k('p95', STOCK_BUDGET_MS), note: `${lots} lots, ${movements} ledger movements, ${warnings} warnings` }));
  }
  return results;
}
