import { AppError } from '../../../shared/errors.js';
import { translate } from '../../../shared/i18n/index.js';
import type { PlausibilityIssue } from '../../../shared/visits/plausibility.js';
import type { HandlerContext } from '../dispatch/types.js';
import { persons } from '../persons/schema.js';
import { refuse } from '../visits/service.js';

/** Small helpers every immunization service uses. */

export { refuse };

export function refuseOne(ctx: HandlerContext, path: string, key: string, params?: Record<string, string | number>): never {
  const issue: PlausibilityIssue = { path, key, ...(params ? { params } : {}) };
  return refuse(ctx, [issue]);
}

/** Refuses with IMM_STATE_INVALID and the translated reason. */
export function refuseState(ctx: HandlerContext, key: string, params: Record<string, string | number> = {}): never {
  throw new AppError('IMM_STATE_INVALID', { reason: translate(ctx.caller.locale, key, params) });
}

export function t(ctx: HandlerContext, key: string, params: Record<string, string | number> = {}): string {
  return translate(ctx.caller.locale, key, params);
}

/** The person, following a merge to the survivor; NOT_FOUND when deleted. */
export function livePerson(ctx: HandlerContext, id: string) {
  let person = ctx.write.get(persons, id);
  if (person?.mergedInto) person = ctx.write.get(persons, person.mergedInto);
  if (!person || person.deleted) throw new AppError('NOT_FOUND');
  return person;
}

/** The signed-in user's name, recorded on rows (vaccinator, screener, reporter) when the input gives none. */
export function userName(ctx: HandlerContext): string | null {
  return ctx.session?.user.fullName ?? null;
}

/** dd/mm/yyyy for messages. */
export { formatDateVi as viDay } from '../../../shared/dates.js';
