import { eq } from 'drizzle-orm';
import { DEFAULT_SETTINGS, stationSettingsSchema, type StationSettings } from '../../../shared/contract/settings.js';
import type { Station } from '../station.js';
import { settings } from './schema.js';

export function readSettings(station: Station): StationSettings {
  const rows = station.db.select().from(settings).where(eq(settings.deleted, false)).all();
  const values: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    try {
      values[row.key] = JSON.parse(row.value);
    } catch {
      // A malformed value falls back to the default rather than breaking sign-in.
    }
  }
  const parsed = stationSettingsSchema.safeParse(values);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Must run inside a write call (it uses the synced writer). */
export function writeSettings(station: Station, patch: Partial<StationSettings>): StationSettings {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const existing = station.db.select().from(settings).where(eq(settings.key, key)).get();
    if (existing) station.writer.update(settings, existing.id, { value: JSON.stringify(value) });
    else station.writer.insert(settings, { key, value: JSON.stringify(value) });
  }
  return readSettings(station);
}
