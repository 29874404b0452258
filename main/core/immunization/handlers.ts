import { AppError } from '../../../shared/errors.js';
import { loadSchedule } from '../../../shared/immunization/load.js';
import { scheduleEffectiveOn } from '../../../shared/immunization/versions.js';
import { VACCINES } from '../../../shared/immunization/vaccines.js';
import type { HandlerMap } from '../dispatch/types.js';
import { aefiRows, recordAefi } from './aefi.js';
import { livePerson } from './common.js';
import { coverageReport } from './coverage.js';
import { aefiReportPdf, dueListPdf, exportNiis, registerExport, requisition } from './files.js';
import { childRegister } from './register.js';
import { checkIn, observationEnd, screen, sessionBoard, vaccinate } from './day.js';
import { personCard, recordDose, voidDose } from './doses.js';
import { endPregnancy, pregnanciesView, recordPregnancy } from './pregnancies.js';
import { childrenRegister, womenRegister } from './registers.js';
import { scheduleVersions } from './schedules.js';
import { vaccineSchedules } from './schema.js';
import { createSession, dueListFor, listSessions, liveSession, sessionNeed, sessionViews, updateSession } from './sessions.js';
import { recordSessionWastage, sessionSummary } from './summary.js';
import { adjustStock, allLots, listMovements, lotView, receiveStock, stockView } from './stock.js';

export const immunizationHandlers = {
  'imm.vaccines': () => ({ vaccines: VACCINES.map((v) => ({ ...v })) }),
  'imm.schedules': (_input, ctx) => {
    const versions = scheduleVersions(ctx.station);
    const all = versions.map((v) => v.schedule);
    return {
      versions: versions.map(({ schedule: s, shipped }) => ({
        id: s.id,
        family: s.family,
        title: s.title,
        effectiveFrom: s.effectiveFrom,
        effectiveUntil: s.effectiveUntil ?? null,
        shipped,
        inForce: scheduleEffectiveOn(all, s.family, ctx.today)?.id === s.id,
      })),
    };
  },
  'imm.loadSchedule': (input, ctx) => {
    const r = loadSchedule(input.json);
    if (!r.ok) throw new AppError('IMM_SCHEDULE_INVALID', { errors: r.errors.join('; ') }, { errors: r.errors });
    const s = r.schedule;
    if (scheduleVersions(ctx.station).some((v) => v.schedule.id === s.id)) throw new AppError('IMM_SCHEDULE_INVALID', { errors: `mã phiên bản "${s.id}" đã có` });
    const row = ctx.write.insert(vaccineSchedules, {
      scheduleId: s.id,
      family: s.family,
      effectiveFrom: s.effectiveFrom,
      json: input.json,
      loadedBy: ctx.session?.user.fullName ?? null,
      createdAt: ctx.now.toISOString(),
    });
    ctx.audit({ kind: 'change', action: 'imm.loadSchedule', entity: 'vaccine_schedules', entityId: row.id, details: { id: s.id, effectiveFrom: s.effectiveFrom } });
    return { id: s.id, family: s.family, effectiveFrom: s.effectiveFrom };
  },

  'imm.children': (input, ctx) => childrenRegister(ctx, input),
  'imm.women': (input, ctx) => womenRegister(ctx, input),
  'imm.recordPregnancy': (input, ctx) => ({ pregnancy: recordPregnancy(ctx, input) }),
  'imm.endPregnancy': (input, ctx) => ({ pregnancy: endPregnancy(ctx, input) }),
  'imm.pregnancies': (input, ctx) => ({ pregnancies: pregnanciesView(ctx, input.personId) }),
  'imm.recordDose': (input, ctx) => recordDose(ctx, input),
  'imm.voidDose': (input, ctx) => ({ dose: voidDose(ctx, input) }),
  'imm.personCard': (input, ctx) => {
    const card = personCard(ctx, input.personId, input.date ?? ctx.today);
    ctx.audit({ kind: 'view', action: 'imm.personCard', entity: 'persons', entityId: card.person.id, personId: card.person.id });
    return { ...card, aefi: aefiRows(ctx.station, 'e.person_id = @p', { p: card.person.id }) };
  },

  'imm.createSession': (input, ctx) => ({ session: createSession(ctx, input) }),
  'imm.updateSession': (input, ctx) => ({ session: updateSession(ctx, input) }),
  'imm.sessions': (input, ctx) => ({ sessions: listSessions(ctx, input) }),
  'imm.session': (input, ctx) => ({ session: sessionViews(ctx.station, [liveSession(ctx, input.id)])[0]! }),
  'imm.dueList': (input, ctx) => {
    const out = dueListFor(ctx, input);
    ctx.audit({ kind: 'view', action: 'imm.dueList', entity: 'imm_sessions', entityId: input.sessionId ?? null, details: { total: out.total } });
    return out;
  },
  'imm.dueListPdf': (input, ctx) => dueListPdf(ctx, input),
  'imm.vaccineNeed': (input, ctx) => sessionNeed(ctx, input.sessionId, input.includeWomen),
  'imm.requisition': (input, ctx) => requisition(ctx, input),

  'imm.checkIn': (input, ctx) => checkIn(ctx, input),
  'imm.sessionBoard': (input, ctx) => sessionBoard(ctx, input.sessionId),
  'imm.screen': (input, ctx) => screen(ctx, input),
  'imm.vaccinate': (input, ctx) => vaccinate(ctx, input),
  'imm.observationEnd': (input, ctx) => observationEnd(ctx, input),
  'imm.recordAefi': (input, ctx) => recordAefi(ctx, input),
  'imm.aefiList': (input, ctx) => {
    const where: string[] = ['1 = 1'];
    const params: Record<string, unknown> = {};
    if (input.sessionId) (where.push('e.session_id = @session'), (params.session = input.sessionId));
    if (input.personId) (where.push('e.person_id = @person'), (params.person = livePerson(ctx, input.personId).id));
    if (input.from) (where.push("substr(e.onset_at, 1, 10) >= @from"), (params.from = input.from));
    if (input.to) (where.push("substr(e.onset_at, 1, 10) <= @to"), (params.to = input.to));
    if (input.seriousOnly) where.push("e.severity = 'serious'");
    return { events: aefiRows(ctx.station, where.join(' AND '), params) };
  },
  'imm.aefiReportPdf': (input, ctx) => aefiReportPdf(ctx, input.id),
  'imm.sessionSummary': (input, ctx) => sessionSummary(ctx, input.sessionId, input.includeWomen),
  'imm.recordSessionWastage': (input, ctx) => recordSessionWastage(ctx, input),

  'imm.receiveStock': (input, ctx) => receiveStock(ctx, input),
  'imm.adjustStock': (input, ctx) => adjustStock(ctx, input),
  'imm.lots': (input, ctx) => {
    const date = input.date ?? ctx.today;
    const lots = allLots(ctx.station.sqlite, input.vaccineCode)
      .filter((l) => input.includeEmpty || l.onHand > 0)
      .map((l) => lotView(l, date))
      .sort((a, b) => a.expiry.localeCompare(b.expiry) || a.lotNumber.localeCompare(b.lotNumber));
    return { lots };
  },
  'imm.stock': (input, ctx) => stockView(ctx, input.date ?? ctx.today),
  'imm.movements': (input, ctx) => ({ movements: listMovements(ctx.station.sqlite, input) }),

  'imm.register': (input, ctx) => ({ from: input.from, to: input.to, rows: childRegister(ctx, input.from, input.to, input.hamletId ?? null) }),
  'imm.registerExport': (input, ctx) => registerExport(ctx, input),
  'imm.coverage': (input, ctx) => coverageReport(ctx, input.month, input.hamletId ?? null, input.trend ?? false),
  'imm.exportNiis': (input, ctx) => exportNiis(ctx, input),
} satisfies Partial<HandlerMap>;
