import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runSyncBenchmarks } from '../benchmarks/sync.js';
import { describeMachine, machineInfo } from '../harness/machine.js';
import { markdown, printTable, writeResults, type BenchRun } from '../harness/report.js';
import { CACHE_ROOT, cachedStation, REPO_ROOT } from './station.js';

/**
 * `npm run bench:sync [-- --quick] [--persons 100000] [--stations 100]`: the sync benchmarks alone (docs/benchmarks.md,
 * "Sync"), on the generated station cached in .cache/bench (made by `npm run bench` or `npm run seed`; used as it
 * is, never regenerated here). Results in bench/results/sync.{json,md}; a full run (not --quick) also replaces the
 * sync section of docs/benchmarks.md. `npm run bench` runs the same benchmarks as its `sync` part.
 */
const USAGE = 'Usage: npm run bench:sync [-- --quick] [--persons 100000] [--seed 1] [--stations 100] [--station-dir <a generated station folder>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      persons: { type: 'string' },
      seed: { type: 'string', default: '1' },
      stations: { type: 'string' },
      'station-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  const quick = values.quick!;
  const persons = Number(values.persons ?? (quick ? 10_000 : 100_000));
  const seed = values.seed!;
  const stationDir = values['station-dir'] ? path.resolve(values['station-dir']) : undefined;
  if (!cachedStation(persons, seed, stationDir)) throw new Error(`no generated ${persons}-person station under ${path.relative(REPO_ROOT, CACHE_ROOT)}: run \`npm run seed -- --persons ${persons}\` or \`npm run bench\` first`);
  const machine = machineInfo();
  console.log(`Sync benchmarks on ${describeMachine(machine)}`);
  const { results, notes, figures } = await runSyncBenchmarks({ persons, seed, quick, stations: values.stations ? Number(values.stations) : undefined, stationDir });
  console.log('');
  printTable(results);
  console.log(`\n${notes.join('\n\n')}`);
  const run: BenchRun = {
    date: new Date().toISOString(),
    quick,
    machine,
    stations: [{ persons, seed, cached: true, generationSeconds: NaN, counts: figures.counts, dbSizeMB: NaN }],
    results,
    notes,
  };
  const files = writeResults(run, path.join(REPO_ROOT, 'bench', 'results'), quick ? 'sync-quick' : 'sync');
  fs.writeFileSync(files.json, `${JSON.stringify({ ...run, figures }, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(REPO_ROOT, files.json)} and ${path.relative(REPO_ROOT, files.md)}`);
  if (!quick && !values.stations && persons >= 100_000) {
    updateSyncSection(run, path.join(REPO_ROOT, 'docs', 'benchmarks.md'));
    console.log('Updated the sync section of docs/benchmarks.md');
  }
}

const START = '<!-- sync-results:start -->';
const END = '<!-- sync-results:end -->';

/** Replaces the sync results in docs/benchmarks.md (between its markers) with this run. */
function updateSyncSection(run: BenchRun, file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file} has no ${START} … ${END} section`);
  // The station table of the generic report needs generation figures the sync run does not have: left out.
  const body = markdown(run)
    .split('\n')
    .filter((l) => !l.startsWith('| station |') && !/^\|---\|---\|---\|---\|---\|---\|---\|$/.test(l) && !/^\| [\d,]+ persons, seed/.test(l))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  fs.writeFileSync(file, `${text.slice(0, a + START.length)}\n\n${body}\n${text.slice(b)}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
