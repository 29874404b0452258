import { describe, expect, it } from 'vitest';
import { HEALTH_RECORD_SECTIONS, healthRecordSections } from '../../../../shared/contract/health-record.js';
import { en } from '../../../../shared/i18n/en.js';
import { isMessageKey } from '../../../../shared/i18n/index.js';
import { allSectionKeys, changedFields, SECTION_FIELDS, sectionLines } from './sections.js';

describe('health record section descriptors', () => {
  it('describe exactly the fields of each contract section', () => {
    for (const s of HEALTH_RECORD_SECTIONS) {
      expect(SECTION_FIELDS[s].map((f) => f.key).sort(), s).toEqual(Object.keys(healthRecordSections[s].shape).sort());
    }
  });

  it('every label and option has a message in both languages', () => {
    for (const key of allSectionKeys()) {
      expect(isMessageKey(key), key).toBe(true);
      expect((en as Record<string, string>)[key], key).toBeTruthy();
    }
  });

  it('shows filled fields as readable text and finds what changed', () => {
    const t = (k: string) => k;
    const lines = sectionLines('surgeries', { items: [{ bodyPart: 'Ruột thừa', year: 2015 }] }, t);
    expect(lines).toEqual([{ key: 'items', label: 'hr.surgeries.items', text: 'Ruột thừa (2015)' }]);
    expect(changedFields('allergies', { drugs: 'Penicillin' }, { drugs: 'Penicillin', food: 'Tôm' })).toEqual(['food']);
  });
});
