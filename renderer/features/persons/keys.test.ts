import { describe, expect, it } from 'vitest';
import { duplicateCandidateSchema, personEventSchema, personStatusSchema } from '../../../shared/contract/persons.js';
import { isMessageKey } from '../../../shared/i18n/index.js';
import { CARD_PARSE_ERRORS } from '../../../shared/identifiers/cards.js';
import { CCCD_WARNINGS } from '../../../shared/identifiers/cccd.js';
import { RELATIONS } from '../../../shared/persons/relations.js';
import { formatAge } from './format.js';

/** Messages the persons screens look up by a computed key (the type checker cannot see these). */
describe('computed message keys of the persons screens', () => {
  it('exist for every value the contract and the parsers can produce', () => {
    const keys = [
      ...CARD_PARSE_ERRORS.map((r) => `card.reason.${r}`),
      ...CCCD_WARNINGS.map((w) => `cccd.warning.${w}`),
      ...duplicateCandidateSchema.shape.reason.options.map((r) => `dup.reason.${r}`),
      ...personEventSchema.shape.kind.options.map((k) => `event.kind.${k}`),
      ...personStatusSchema.options.map((s) => `person.status.${s}`),
      ...RELATIONS.map((r) => `relation.${r}`),
      ...['valid', 'expiring', 'expired', 'none'].map((s) => `bhyt.state.${s}`),
      ...[1, 2, 3, 4, 5].map((l) => `bhyt.level.${l}`),
    ];
    for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });

  it('formats ages the Vietnamese way', () => {
    const t = (k: string, p: Record<string, string | number> = {}) => `${k}:${JSON.stringify(p)}`;
    expect(formatAge('1980-05-01', t, '2026-03-01')).toBe('age.years:{"years":45}');
    expect(formatAge('2022-12-20', t, '2026-03-01')).toBe('age.yearsMonths:{"years":3,"months":2}');
    expect(formatAge('2026-02-17', t, '2026-03-01')).toBe('age.days:{"days":12}');
    expect(formatAge('1954', t, '2026-03-01')).toBe('age.approx:{"years":72}');
    expect(formatAge('2025-10-01', t, '2026-03-01')).toBe('age.months:{"months":5}');
  });
});
