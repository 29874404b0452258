import type { PersonFields, PersonSummary } from '../../../shared/contract/persons.js';
import { AppError, type FieldIssue } from '../../../shared/errors.js';
import { checkCccd } from '../../../shared/identifiers/cccd.js';
import { birthYearOf, isValidBirthDate } from '../../../shared/persons/age.js';
import { foldVietnamese } from '../../../shared/text/fold.js';
import type { HandlerContext } from '../dispatch/types.js';
import { SUMMARY_COLUMNS, SUMMARY_FROM, toSummary } from './repo.js';

export interface Confirmations {
  confirmCccdWarnings: boolean;
  confirmNotDuplicate: boolean;
}

function today(ctx: HandlerContext): string {
  return ctx.today;
}

/** Field checks the schema cannot do (they need today's date or the CCCD rules). */
export function checkPersonFields(ctx: HandlerContext, p: PersonFields, pathPrefix = 'person'): void {
  const issues: FieldIssue[] = [];
  const at = (field: string) => (pathPrefix ? `${pathPrefix}.${field}` : field);
  if (!isValidBirthDate(p.birthDate, today(ctx))) issues.push({ path: at('birthDate'), message: 'v.birthDateRange' });
  for (const field of ['cccdIssueDate', 'bhytValidFrom'] as const) {
    if (p[field] && p[field]! > today(ctx)) issues.push({ path: at(field), message: 'v.futureDate' });
  }
  if (p.bhytValidFrom && p.bhytValidTo && p.bhytValidTo < p.bhytValidFrom) issues.push({ path: at('bhytValidTo'), message: 'v.bhytValidity' });
  if (p.cccd) {
    const check = checkCccd(p.cccd);
    if (check.problems.includes('not_12_digits')) issues.push({ path: at('cccd'), message: 'v.cccd' });
    else if (!check.valid) issues.push({ path: at('cccd'), message: 'v.cccdPrefix' });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, { fields: issues });
}

/** CCCD already registered → refused; CCCD inconsistent with sex/year, or possible duplicates → confirm first. */
export function checkIdentity(ctx: HandlerContext, p: PersonFields, confirm: Confirmations, opts: { excludeId?: string; hamletId?: string }): void {
  const { sqlite } = ctx.station;
  if (p.cccd) {
    const owner = sqlite.prepare("SELECT id, full_name AS name FROM persons WHERE cccd = ? AND status != 'merged' AND id != ?").get(p.cccd, opts.excludeId ?? '') as
      | { id: string; name: string }
      | undefined;
    if (owner) throw new AppError('PERSON_CCCD_DUPLICATE', { cccd: p.cccd, name: owner.name }, { existingId: owner.id, fields: [{ path: 'person.cccd', message: '' }] });
    const check = checkCccd(p.cccd, { sex: p.sex, birthYear: birthYearOf(p.birthDate) ?? undefined });
    if (check.warnings.length > 0 && !confirm.confirmCccdWarnings) {
      throw new AppError('PERSON_CCCD_MISMATCH', {}, { warnings: check.warnings, decoded: { sex: check.sex, birthYear: check.birthYear } });
    }
  }
  if (!confirm.confirmNotDuplicate) {
    const candidates = duplicateCandidates(ctx, { fullName: p.fullName, birthDate: p.birthDate, motherName: p.motherName, fatherName: p.fatherName, hamletId: opts.hamletId, excludeId: opts.excludeId });
    if (candidates.length > 0) throw new AppError('PERSON_POSSIBLE_DUPLICATE', {}, { candidates });
  }
}

export type DuplicateCandidate = PersonSummary & { motherName: string | null; fatherName: string | null; reason: 'cccd' | 'name_birth_year_hamlet' | 'name_birth_year_parent' | 'name_birth_year' };

/** Same folded name and birth year; those in the same hamlet or with the same parent listed first. */
export function duplicateCandidates(
  ctx: HandlerContext,
  q: { fullName: string; birthDate: string; motherName?: string | undefined; fatherName?: string | undefined; hamletId?: string | undefined; excludeId?: string | undefined },
): DuplicateCandidate[] {
  const year = birthYearOf(q.birthDate);
  const name = foldVietnamese(q.fullName);
  if (year === null || !name) return [];
  const rows = ctx.station.sqlite
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, h.hamlet_id AS hamletId, p.mother_name AS motherName, p.father_name AS fatherName
       ${SUMMARY_FROM} WHERE p.name_folded = ? AND p.birth_year = ? AND p.status != 'merged' AND p.id != ? LIMIT 20`,
    )
    .all(name, year, q.excludeId ?? '') as (Parameters<typeof toSummary>[0] & { hamletId: string | null; motherName: string | null; fatherName: string | null })[];
  const sameParent = (a?: string | null, b?: string | null) => Boolean(a && b && foldVietnamese(a) === foldVietnamese(b));
  return rows
    .map(({ hamletId, motherName, fatherName, ...row }) => {
      const reason: DuplicateCandidate['reason'] =
        q.hamletId && hamletId === q.hamletId
          ? 'name_birth_year_hamlet'
          : sameParent(q.motherName, motherName) || sameParent(q.fatherName, fatherName)
            ? 'name_birth_year_parent'
            : 'name_birth_year';
      return { ...toSummary(row), motherName, fatherName, reason };
    })
    .sort((a, b) => (a.reason === 'name_birth_year' ? 1 : 0) - (b.reason === 'name_birth_year' ? 1 : 0));
}
