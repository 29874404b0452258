import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TODAY, generateStation, SHAPES } from './generate.js';

const USAGE = `Usage: npm run seed -- --persons N --data-dir DIR [--seed S] [--ethnic-mix plains|mountain]
                       [--today YYYY-MM-DD] [--years 2] [--skip shape,shape] [--force]
  --persons     number of persons (households of 1–8 are formed until this many)
  --data-dir    folder of the new station (station.sqlite + seed.json); serve it with
                npm run serve -- --data-dir DIR   (sign in as admin / quantri-benchmark)
  --seed        any text; the same seed and --today give the same station (default 1)
  --ethnic-mix  plains (Kinh commune, Thanh Hóa; default) or mountain (Tày, Thái, Mông, Dao, Nùng majority, Lào Cai)
  --today       the station's "today": ages, card validity and the visit window end here (default ${DEFAULT_TODAY})
  --years       years of visits before today (default 2)
  --skip        shapes to leave out (${SHAPES.map((s) => s.name).join(', ')})
  --force       replace an existing station in DIR`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string', default: '1' },
      'ethnic-mix': { type: 'string', default: 'plains' },
      today: { type: 'string', default: DEFAULT_TODAY },
      years: { type: 'string', default: '2' },
      skip: { type: 'string', default: '' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const persons = Number(values.persons);
  if (values.help || !values['data-dir'] || !Number.isInteger(persons) || persons < 1) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const mix = values['ethnic-mix'];
  if (mix !== 'plains' && mix !== 'mountain') throw new Error(`--ethnic-mix must be plains or mountain, not "${mix}"`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.today!)) throw new Error('--today must be YYYY-MM-DD');
  const skip = new Set(values.skip!.split(',').map((s) => s.trim()).filter(Boolean));
  for (const s of skip) if (!SHAPES.some((shape) => shape.name === s)) throw new Error(`unknown shape "${s}"`);
  const manifest = await generateStation({
    persons,
    dataDir: path.resolve(values['data-dir']!),
    seed: values.seed!,
    ethnicMix: mix,
    today: values.today!,
    visitYears: Number(values.years),
    shapes: SHAPES.filter((s) => !skip.has(s.name)),
    force: values.force,
  });
  console.log(`Station ${manifest.facility.name} (${manifest.facility.code}) in ${path.resolve(values['data-dir']!)}`);
  for (const s of manifest.shapes) console.log(`  ${s.name}: ${s.skipped ? `skipped (${s.skipped})` : s.summary}`);
  console.log(`  rows: ${Object.entries(manifest.counts).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}`);
  console.log(`  time: plan ${manifest.seconds.plan.toFixed(1)} s, core ${manifest.seconds.run.toFixed(1)} s, total ${manifest.seconds.total.toFixed(1)} s (CPU ${manifest.seconds.cpu?.toFixed(1)} s)`);
  console.log(`  sign in: ${manifest.credentials.admin.username} / ${manifest.credentials.admin.password}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
