import fs from 'node:fs';
import path from 'node:path';
import { describeMachine, type MachineInfo } from './machine.js';
import type { Stats } from './measure.js';

/** Results of a benchmark run: a table on stdout, JSON and Markdown files, and the figures in docs/benchmarks.md. */

export type Status = 'pass' | 'FAIL' | 'not built yet' | 'info';

export interface Budget {
  metric: 'p50' | 'p95' | 'max' | 'value';
  limit: number;
  /** The measurement must reach the limit (a rate), instead of staying under it. */
  atLeast?: boolean;
  /** Station size the budget is set for (the issue's budgets are for 100,000 persons). */
  persons: number;
}

export interface BenchResult {
  id: string;
  title: string;
  persons: number;
  level: 'dispatch' | 'http' | 'process' | 'disk' | 'sql';
  unit: 'ms' | 'MB' | 's' | 'B' | 'KB' | 'ratio' | 'rows/s' | 'count';
  stats?: Stats;
  value?: number;
  budget?: Budget;
  status: Status;
  note?: string;
  details?: Record<string, unknown>;
}

export interface StationInfo {
  persons: number;
  seed: string;
  cached: boolean;
  generationSeconds: number;
  /** CPU seconds of the generation, when recorded (wall time suffers on a busy machine). */
  generationCpuSeconds?: number;
  counts: Record<string, number>;
  dbSizeMB: number;
}

export interface BenchRun {
  date: string;
  quick: boolean;
  machine: MachineInfo;
  stations: StationInfo[];
  results: BenchResult[];
  /** Figures that need explaining next to the table (search breakdown, query plans). */
  notes: string[];
}

export function withStatus(r: Omit<BenchResult, 'status'> & { status?: Status }): BenchResult {
  if (r.status) return r as BenchResult;
  if (!r.budget) return { ...r, status: 'info' };
  const measured = r.budget.metric === 'value' ? r.value : r.stats?.[r.budget.metric];
  if (measured === undefined || Number.isNaN(measured)) return { ...r, status: 'FAIL', note: [r.note, 'no measurement'].filter(Boolean).join('; ') };
  const met = r.budget.atLeast ? measured >= r.budget.limit : measured <= r.budget.limit;
  return { ...r, status: met ? 'pass' : 'FAIL' };
}

const fmt = (n: number | undefined, unit: string) => {
  if (n === undefined || Number.isNaN(n)) return '—';
  if (unit === 'ms') return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
  if (unit === 'ratio') return n.toFixed(3);
  if (unit === 'count' || unit === 'B' || unit === 'rows/s') return n.toFixed(0);
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
};

function budgetText(r: BenchResult): string {
  if (!r.budget) return '';
  const metric = r.budget.metric === 'value' ? '' : `${r.budget.metric} `;
  return `${metric}${r.budget.atLeast ? '≥' : '≤'} ${r.budget.limit} ${r.unit}${r.budget.persons !== r.persons ? ` (at ${r.budget.persons / 1000}k)` : ''}`;
}

function row(r: BenchResult): string[] {
  const persons = `${(r.persons / 1000).toLocaleString('en-US')}k`;
  if (r.status === 'not built yet') return [r.title, persons, '—', '—', '—', budgetText(r), 'not built yet', r.note ?? ''];
  if (r.stats) return [r.title, persons, fmt(r.stats.p50, r.unit), fmt(r.stats.p95, r.unit), fmt(r.stats.max, r.unit), budgetText(r), r.status, `${r.stats.runs} runs, ${r.unit}${r.note ? `; ${r.note}` : ''}`];
  return [r.title, persons, '', `${fmt(r.value, r.unit)} ${r.unit}`, '', budgetText(r), r.status, r.note ?? ''];
}

const HEADER = ['benchmark', 'persons', 'p50', 'p95 / value', 'max', 'budget', 'status', 'notes'];

export function printTable(results: readonly BenchResult[]): void {
  const rows = [HEADER, ...results.map(row)];
  const widths = HEADER.map((_, i) => Math.min(i === 7 ? 70 : 60, Math.max(...rows.map((r) => r[i]!.length))));
  const line = (r: string[]) => r.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join(' │ ');
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const r of rows.slice(1)) console.log(line(r));
}

export function misses(run: BenchRun): BenchResult[] {
  return run.results.filter((r) => r.status === 'FAIL');
}

/** The Markdown summary (also the body of docs/benchmarks.md's results section). */
export function markdown(run: BenchRun): string {
  const out: string[] = [];
  out.push(`Run of ${run.date}${run.quick ? ' (quick mode: 10,000 persons, fewer runs)' : ''} on ${describeMachine(run.machine)}.`);
  out.push('');
  out.push('| station | generated in | persons | households | visits | change log | database on disk |');
  out.push('|---|---|---|---|---|---|---|');
  for (const s of run.stations) {
    out.push(
      `| ${s.persons.toLocaleString('en-US')} persons, seed ${s.seed} | ${s.generationSeconds.toFixed(0)} s${s.generationCpuSeconds ? ` (CPU ${s.generationCpuSeconds.toFixed(0)} s)` : ''}${s.cached ? ', cached' : ''} | ${(s.counts.persons ?? 0).toLocaleString('en-US')} | ${(s.counts.households ?? 0).toLocaleString('en-US')} | ${(s.counts.visits ?? 0).toLocaleString('en-US')} | ${(s.counts.changeLog ?? 0).toLocaleString('en-US')} | ${s.dbSizeMB.toFixed(0)} MB |`,
    );
  }
  out.push('');
  out.push(`| ${HEADER.join(' | ')} |`);
  out.push(`|${HEADER.map(() => '---').join('|')}|`);
  for (const r of run.results) out.push(`| ${row(r).map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  out.push('');
  const failed = misses(run);
  const notBuilt = run.results.filter((r) => r.status === 'not built yet');
  if (failed.length === 0) out.push('**Every measured budget is met.**');
  else {
    out.push(`**Budgets missed (${failed.length}):**`);
    out.push('');
    for (const r of failed) {
      const measured = r.budget?.metric === 'value' ? r.value : r.stats?.[r.budget!.metric as 'p95'];
      out.push(`- ${r.title} at ${r.persons.toLocaleString('en-US')} persons: ${r.budget?.metric === 'value' ? '' : `${r.budget?.metric} `}${fmt(measured, r.unit)} ${r.unit}, budget ${budgetText(r)}.`);
    }
  }
  if (notBuilt.length) {
    out.push('');
    out.push(`Not built yet (no figure, not a pass): ${notBuilt.map((r) => r.title).join('; ')}.`);
  }
  for (const n of run.notes) {
    out.push('');
    out.push(n);
  }
  return `${out.join('\n')}\n`;
}

export function writeResults(run: BenchRun, dir: string, name: string): { json: string; md: string } {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  const md = path.join(dir, `${name}.md`);
  fs.writeFileSync(json, `${JSON.stringify(run, null, 2)}\n`);
  fs.writeFileSync(md, `# Benchmarks\n\n${markdown(run)}`);
  return { json, md };
}

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

/** Replaces the results section of docs/benchmarks.md (between the markers) with this run. */
export function updateDocs(run: BenchRun, file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file} has no ${START} … ${END} section`);
  fs.writeFileSync(file, `${text.slice(0, a + START.length)}\n\n${markdown(run)}\n${text.slice(b)}`);
}
