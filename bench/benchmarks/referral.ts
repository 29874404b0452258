import { isProcedureName, type ProcedureInput } from '../../shared/contract/index.js';
import type { BenchContext } from '../harness/context.js';
import { measure, stats } from '../harness/measure.js';
import { withStatus, type BenchResult } from '../harness/report.js';

/**
 * The referral slip PDF (giấy chuyển tuyến): a draft prefilled from a referred visit of the station, issued, then
 * its PDF rendered by `referrals.preview` (what printing shows). Printed as "not built yet" while the referral
 * procedures do not exist.
 */
export const REFERRAL_BUDGET_MS = 500;
const NEEDED = ['referrals.prefill', 'referrals.create', 'referrals.issue', 'referrals.preview', 'referrals.facilities'];

export async function runReferral(ctx: BenchContext): Promise<BenchResult[]> {
  const base = { id: 'referral-pdf', title: 'Referral slip PDF (referrals.preview)', persons: ctx.persons, level: 'dispatch' as const, unit: 'ms' as const };
  const budget = { metric: 'max' as const, limit: REFERRAL_BUDGET_MS, persons: 100_000 };
  const missing = NEEDED.filter((n) => !isProcedureName(n));
  if (missing.length) return [withStatus({ ...base, budget, status: 'not built yet', note: `missing ${missing.join(', ')}` })];

  const visit = ctx.backend.station.sqlite.prepare("SELECT id FROM visits WHERE status = 'referred' ORDER BY visit_date DESC LIMIT 1").get() as { id: string } | undefined;
  if (!visit) return [withStatus({ ...base, budget, status: 'not built yet', note: 'the station has no referred visit to refer' })];
  const prefill = await ctx.call('referrals.prefill', { visitId: visit.id });
  const destination = (await ctx.call('referrals.facilities', {})).facilities[0];
  if (!destination) return [withStatus({ ...base, budget, status: 'not built yet', note: 'no receiving facility in the catalogue' })];
  // The prefill is the stored form (nulls); the input form leaves empty fields out.
  const fields = Object.fromEntries(Object.entries(prefill.fields).filter(([, v]) => v !== null)) as ProcedureInput<'referrals.create'>['referral'];
  const { referral } = await ctx.call('referrals.create', { personId: prefill.personId, visitId: visit.id, referral: { ...fields, destinationId: destination.id, reason: '2' } });
  await ctx.call('referrals.issue', { id: referral.id });
  let bytes = 0;
  const samples = await measure(async () => (bytes = Buffer.from((await ctx.call('referrals.preview', { id: referral.id })).pdfBase64, 'base64').length), ctx.runs({ warmup: 2, runs: 10 }, { warmup: 1, runs: 5 }));
  return [withStatus({ ...base, stats: stats(samples), budget, note: `issued referral from a referred visit, ${(bytes / 1024).toFixed(0)} KB PDF` })];
}
