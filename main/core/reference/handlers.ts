import type { HandlerMap } from '../dispatch/types.js';
import { loadAdminUnits } from './adminUnits.js';

export const referenceHandlers = {
  'reference.provinces': (_input, ctx) => ({ provinces: loadAdminUnits(ctx.station.options.resourcesDir).provinces }),
  'reference.communes': (input, ctx) => ({
    communes: loadAdminUnits(ctx.station.options.resourcesDir).communesByProvince.get(input.provinceCode) ?? [],
  }),
} satisfies Partial<HandlerMap>;
