import { eq } from 'drizzle-orm';
import { DEFAULT_REFERRAL_CONFIG, referralConfigSchema, type ReferralConfig } from '../../../shared/contract/referrals.js';
import type { HandlerContext } from '../dispatch/types.js';
import { settings } from '../settings/schema.js';
import type { Station } from '../station.js';

/** Referral settings, stored as one JSON value under this key of the synced `settings` table. */
const KEY = 'referrals.config';

export function readReferralConfig(station: Station): ReferralConfig {
  const row = station.db.select().from(settings).where(eq(settings.key, KEY)).get();
  if (!row || row.deleted) return DEFAULT_REFERRAL_CONFIG;
  try {
    const parsed = referralConfigSchema.safeParse({ ...DEFAULT_REFERRAL_CONFIG, ...JSON.parse(row.value) });
    return parsed.success ? parsed.data : DEFAULT_REFERRAL_CONFIG;
  } catch {
    return DEFAULT_REFERRAL_CONFIG;
  }
}

export function writeReferralConfig(ctx: HandlerContext, patch: Partial<ReferralConfig>): ReferralConfig {
  const next = referralConfigSchema.parse({ ...readReferralConfig(ctx.station), ...patch });
  const empty = (v: string | null) => (v && v.trim() ? v.trim() : null);
  const value = JSON.stringify({ ...next, signerName: empty(next.signerName), signerTitle: empty(next.signerTitle), signerCode: empty(next.signerCode) });
  const row = ctx.station.db.select().from(settings).where(eq(settings.key, KEY)).get();
  if (row) ctx.write.update(settings, row.id, { value });
  else ctx.write.insert(settings, { key: KEY, value });
  ctx.audit({ kind: 'change', action: 'referrals.setConfig', entity: 'settings', details: { key: KEY } });
  return readReferralConfig(ctx.station);
}
