import { z } from 'zod';
import { emptyInput } from './common.js';
import { procedure } from './procedure.js';

export const stationSettingsSchema = z.object({
  idleLockMinutes: z.number().int().min(1, { error: 'v.idleMinutes' }).max(240, { error: 'v.idleMinutes' }),
  sessionHours: z.number().int().min(1, { error: 'v.sessionHours' }).max(72, { error: 'v.sessionHours' }),
});
export type StationSettings = z.infer<typeof stationSettingsSchema>;
export const DEFAULT_SETTINGS: StationSettings = { idleLockMinutes: 10, sessionHours: 12 };

export const settingsProcedures = {
  'settings.get': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Station-wide settings (idle lock, session lifetime).',
    input: emptyInput,
    output: z.object({ settings: stationSettingsSchema }),
  }),
  'settings.update': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Change station-wide settings.',
    input: stationSettingsSchema.partial(),
    output: z.object({ settings: stationSettingsSchema }),
  }),
};
