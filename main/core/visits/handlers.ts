import { AppError } from '../../../shared/errors.js';
import { daysBetween } from '../../../shared/visits/station-date.js';
import type { HandlerContext, HandlerMap } from '../dispatch/types.js';
import { currentFacility } from '../setup/service.js';
import { registerRows } from './register.js';
import { buildRegisterWorkbook, registerFileName } from './register-xlsx.js';
import { receiveVisit, refuse, saveVisit, setVisitStatus } from './service.js';
import { dayQueue, personVisits, queueEntries, liveVisit, visitDetail } from './views.js';

/** A register covers at most a year (the yearly report); longer ranges are refused rather than slow. */
const MAX_REGISTER_DAYS = 366;

function checkRange(ctx: HandlerContext, from: string, to: string): void {
  if (to < from) refuse(ctx, [{ path: 'to', key: 'v.rangeOrder' }]);
  if (daysBetween(from, to) >= MAX_REGISTER_DAYS) refuse(ctx, [{ path: 'to', key: 'v.rangeTooLong', params: { days: MAX_REGISTER_DAYS } }]);
}

export const visitsHandlers = {
  'visits.receive': (input, ctx) => {
    const id = receiveVisit(ctx, input);
    return { visit: queueEntries(ctx.station, [liveVisit(ctx.station, id)])[0]! };
  },

  'visits.queue': (input, ctx) => ({ visits: dayQueue(ctx.station, input.date) }),

  'visits.setStatus': (input, ctx) => {
    setVisitStatus(ctx, input.id, input.status);
    return { visit: queueEntries(ctx.station, [liveVisit(ctx.station, input.id)])[0]! };
  },

  'visits.get': (input, ctx) => {
    const visit = visitDetail(ctx.station, input.id);
    ctx.audit({ kind: 'view', action: 'visits.get', entity: 'visits', entityId: visit.id, personId: visit.person.id });
    return { visit };
  },

  'visits.save': (input, ctx) => {
    saveVisit(ctx, input);
    return { visit: visitDetail(ctx.station, input.id) };
  },

  'visits.forPerson': (input, ctx) => {
    const visits = personVisits(ctx.station, input.personId);
    ctx.audit({ kind: 'view', action: 'visits.forPerson', entity: 'persons', entityId: input.personId, personId: input.personId });
    return { visits };
  },

  'visits.register': (input, ctx) => {
    checkRange(ctx, input.from, input.to);
    const rows = registerRows(ctx.station, input.from, input.to, ctx.caller.locale);
    ctx.audit({ kind: 'view', action: 'visits.register', entity: 'visits', details: { from: input.from, to: input.to, rows: rows.length } });
    return { rows };
  },

  'visits.exportRegister': (input, ctx) => {
    checkRange(ctx, input.from, input.to);
    const facility = currentFacility(ctx.station);
    if (!facility) throw new AppError('SETUP_REQUIRED');
    const rows = registerRows(ctx.station, input.from, input.to, 'vi');
    const content = buildRegisterWorkbook(facility, input.from, input.to, rows);
    ctx.audit({ kind: 'view', action: 'visits.exportRegister', entity: 'visits', details: { from: input.from, to: input.to, rows: rows.length } });
    return { fileName: registerFileName(input.from, input.to), contentBase64: content.toString('base64') };
  },
} satisfies Partial<HandlerMap>;
