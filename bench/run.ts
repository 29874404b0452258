import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runImmunization } from './benchmarks/immunization.js';
import { runMemory } from './benchmarks/memory.js';
import { runNcd } from './benchmarks/ncd.js';
import { runPages, sampleHouseholdIds, samplePersonIds } from './benchmarks/pages.js';
import { runReferral } from './benchmarks/referral.js';
import { runRegister } from './benchmarks/register.js';
import { runSearch } from './benchmarks/search.js';
import { runServeStartup } from './benchmarks/serve-startup.js';
import { databaseSizeMB, runSize } from './benchmarks/size.js';
import { runSyncBenchmarks } from './benchmarks/sync.js';
import { ensureStation, openContext, REPO_ROOT } from './harness/context.js';
import { machineInfo, describeMachine } from './harness/machine.js';
import { markdown, misses, printTable, updateDocs, writeResults, type BenchResult, type BenchRun, type StationInfo } from './harness/report.js';

/**
 * `npm run bench` (builds first): every benchmark against the 10,000- and 100,000-person stations (generated on
 * first use, cached under .cache/bench/), a table on stdout, bench/results/latest.{json,md} and the figures in
 * docs/benchmarks.md. `--quick`: the 10,000-person station only, fewer runs, results in bench/results/quick.*.
 */
const USAGE = `Usage: npm run bench [-- --quick] [--sizes 10000,100000] [--seed 1] [--only search,pages,register,referral,ncd,imm,size,serve,memory,sync]`;

const ALL = ['search', 'pages', 'register', 'referral', 'ncd', 'imm', 'size', 'serve', 'memory', 'sync'] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      seed: { type: 'string', default: '1' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const quick = values.quick!;
  const sizes = (values.sizes ?? (quick ? '10000' : '10000,100000')).split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`bad --sizes: ${values.sizes}`);
  const only = new Set(values.only ? values.only.split(',') : ALL);
  const seed = values.seed!;
  const machine = machineInfo();
  console.log(`Benchmarks on ${describeMachine(machine)}`);

  const stations: StationInfo[] = [];
  const results: BenchResult[] = [];
  const notes: string[] = [];
  for (const persons of sizes) {
    const station = await ensureStation(persons, seed);
    stations.push({
      persons,
      seed,
      cached: station.cached,
      generationSeconds: station.manifest.seconds.total,
      generationCpuSeconds: station.manifest.seconds.cpu,
      counts: station.manifest.counts,
      dbSizeMB: databaseSizeMB(station.dir),
    });
    console.log(`\n── ${persons.toLocaleString('en-US')} persons (${station.cached ? 'cached' : 'generated'} station, generation ${station.manifest.seconds.total.toFixed(0)} s) ──`);
    const ctx = await openContext({ persons, seed, quick, cacheDir: station.dir, manifest: station.manifest });
    const before = results.length;
    let queries: Awaited<ReturnType<typeof runSearch>>['queries'] = [];
    const personIds = samplePersonIds(ctx);
    const householdIds = sampleHouseholdIds(ctx);
    try {
      if (only.has('search') || only.has('memory')) {
        const s = await runSearch(ctx);
        queries = s.queries;
        if (only.has('search')) {
          results.push(...s.results);
          notes.push(...s.notes);
        }
      }
      if (only.has('pages')) results.push(...(await runPages(ctx)));
      if (only.has('register')) results.push(...(await runRegister(ctx)));
      if (only.has('referral')) results.push(...(await runReferral(ctx)));
      if (only.has('ncd')) results.push(...(await runNcd(ctx)));
      if (only.has('imm')) results.push(...(await runImmunization(ctx)));
      if (only.has('size')) results.push(...runSize(ctx));
    } finally {
      ctx.backend.close();
    }
    // The processes run on the same working copy once the in-process backend has closed it.
    if (only.has('serve')) results.push(...(await runServeStartup(ctx)));
    if (only.has('memory')) results.push(...(await runMemory(ctx, queries, personIds, householdIds)));
    printTable(results.slice(before));
    fs.rmSync(ctx.workDir, { recursive: true, force: true });
  }

  // Sync (docs/benchmarks.md, "Sync"): the largest station's upload, its day's work, ingest, 100 stations at once.
  if (only.has('sync')) {
    const sync = await runSyncBenchmarks({ persons: Math.max(...sizes), seed, quick });
    printTable(sync.results);
    results.push(...sync.results);
    notes.push(...sync.notes);
  }

  const run: BenchRun = { date: new Date().toISOString(), quick, machine, stations, results, notes };
  const dir = path.join(REPO_ROOT, 'bench', 'results');
  const files = writeResults(run, dir, quick ? 'quick' : 'latest');
  console.log(`\n${markdown(run).split('\n').filter((l) => l.startsWith('**') || l.startsWith('- ') || l.startsWith('Not built')).join('\n')}`);
  console.log(`\nWrote ${path.relative(REPO_ROOT, files.json)} and ${path.relative(REPO_ROOT, files.md)}`);
  if (!quick && values.sizes === undefined && !values.only) {
    updateDocs(run, path.join(REPO_ROOT, 'docs', 'benchmarks.md'));
    console.log('Updated docs/benchmarks.md');
  }
  // Budgets are reported, not enforced: a miss is a finding to fix in the code, not a failed command.
  void misses;
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
