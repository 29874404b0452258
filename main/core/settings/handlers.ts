import type { HandlerMap } from '../dispatch/types.js';
import { readSettings, writeSettings } from './service.js';

export const settingsHandlers = {
  'settings.get': (_input, ctx) => ({ settings: readSettings(ctx.station) }),
  'settings.update': (input, ctx) => {
    const settings = writeSettings(ctx.station, input);
    ctx.audit({ kind: 'change', action: 'settings.update', entity: 'settings', details: input });
    return { settings };
  },
} satisfies Partial<HandlerMap>;
