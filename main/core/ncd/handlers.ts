import { addQuarters, cohort, computeIndicators, computeMonths, computeQuarterIndicators, quarterMonths, trendMonths } from '../../../shared/ncd/indicators.js';
import type { HandlerContext, HandlerMap } from '../dispatch/types.js';
import { exportHandlers } from './exports.js';
import { findProgram } from './programs.js';
import { programHandlers } from './programs-store.js';
import { screeningHandlers } from './screening.js';
import { refuse } from '../visits/service.js';
import { followupsOfPerson, indicatorDataForMonths } from './repo.js';
import { endEnrollment, enroll, enrollmentsView, followupView, oneEnrollmentView, overdueList, patientList, personFollowups, recordCall, recordFollowup, voidFollowup } from './service.js';

function checkProgram(ctx: HandlerContext, code: string | undefined): void {
  if (code !== undefined && !findProgram(ctx.station.sqlite, code)) refuse(ctx, [{ path: 'program', key: 'v.ncdProgram', params: { code } }]);
}

/**
 * Indicators of a month (yyyy-mm) or quarter (yyyy-Qn), optionally with the 12-month trend, and for a quarter the
 * cohort registered two quarters earlier (its outcome quarter is this quarter, i.e. the last 3 months loaded).
 * With the trend, the 12 months are loaded once (repo.ts `indicatorDataForMonths`) and computed in memory; the
 * period's own figures come from the same data (the same result as its own load).
 */
export function indicatorsFor(ctx: HandlerContext, period: string, program: string, hamletId: string | undefined, withTrend: boolean) {
  const quarter = period.includes('Q') ? period : null;
  const ym = quarter ? quarterMonths(quarter)[2] : period;
  const months = withTrend ? trendMonths(ym) : [ym];
  const { enrollments, followups } = indicatorDataForMonths(ctx.station.sqlite, program, months[0]!, ym, hamletId);
  const trend = withTrend ? computeMonths(enrollments, followups, months) : [];
  const indicators = quarter ? computeQuarterIndicators(enrollments, followups, quarter) : (trend[11] ?? computeIndicators(enrollments, followups, ym));
  return { indicators, trend, cohort: quarter ? cohort(enrollments, followups, addQuarters(quarter, -2)) : null };
}

export const ncdHandlers = {
  ...programHandlers,
  ...screeningHandlers,
  ...exportHandlers,

  'ncd.enroll': (input, ctx) => ({ enrollment: oneEnrollmentView(ctx, enroll(ctx, input)) }),

  'ncd.endEnrollment': (input, ctx) => {
    endEnrollment(ctx, input);
    return { enrollment: oneEnrollmentView(ctx, input.id) };
  },

  'ncd.enrollmentsForPerson': (input, ctx) => {
    ctx.audit({ kind: 'view', action: 'ncd.enrollmentsForPerson', entity: 'persons', entityId: input.personId, personId: input.personId });
    return { enrollments: enrollmentsView(ctx, input.personId) };
  },

  'ncd.recordFollowup': (input, ctx) => {
    const id = recordFollowup(ctx, input);
    const e = oneEnrollmentView(ctx, input.enrollmentId);
    const row = followupsOfPerson(ctx.station.sqlite, e.personId).find((f) => f.id === id)!;
    return { followup: followupView(row) };
  },

  'ncd.voidFollowup': (input, ctx) => {
    voidFollowup(ctx, input);
    return { ok: true as const };
  },

  'ncd.followupsForPerson': (input, ctx) => {
    checkProgram(ctx, input.program);
    ctx.audit({ kind: 'view', action: 'ncd.followupsForPerson', entity: 'persons', entityId: input.personId, personId: input.personId });
    return personFollowups(ctx, input.personId, input.program);
  },

  'ncd.patientList': (input, ctx) => {
    checkProgram(ctx, input.program);
    const rows = patientList(ctx, input);
    ctx.audit({ kind: 'view', action: 'ncd.patientList', entity: 'ncd_enrollments', details: { program: input.program ?? null, status: input.status, total: rows.length } });
    return { total: rows.length, rows: rows.slice(0, input.limit) };
  },

  'ncd.overdueList': (input, ctx) => {
    checkProgram(ctx, input.program);
    const { overdue, lost } = overdueList(ctx, input);
    ctx.audit({ kind: 'view', action: 'ncd.overdueList', entity: 'ncd_enrollments', details: { total: overdue.length, lost: lost.length } });
    return { total: overdue.length, rows: overdue.slice(0, input.limit), lostTotal: lost.length, lost: lost.slice(0, input.limit) };
  },

  'ncd.recordCall': (input, ctx) => {
    recordCall(ctx, input);
    return { ok: true as const };
  },

  'ncd.indicators': (input, ctx) => {
    checkProgram(ctx, input.program);
    return indicatorsFor(ctx, input.period, input.program, input.hamletId, input.trend);
  },
} satisfies Partial<HandlerMap>;
