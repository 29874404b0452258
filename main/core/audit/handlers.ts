import type { HandlerMap } from '../dispatch/types.js';
import { listAudit } from './service.js';

export const auditHandlers = {
  'audit.list': (input, ctx) => listAudit(ctx.station.sqlite, input),
} satisfies Partial<HandlerMap>;
