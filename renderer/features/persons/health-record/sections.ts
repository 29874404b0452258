import type { HealthRecordSection } from '../../../../shared/contract/health-record.js';

/**
 * How each section B field (QĐ 831) is edited and shown. Labels are i18n keys `hr.<section>.<field>`; an option's
 * label is `hr.<section>.<field>.<option>` (a unit test checks every key exists in both languages).
 */
export type FieldDesc =
  | { key: string; kind: 'enum'; options: readonly string[] }
  | { key: string; kind: 'bool' }
  | { key: string; kind: 'int' | 'number'; min?: number; max?: number }
  | { key: string; kind: 'text'; long?: boolean; required?: boolean }
  | { key: string; kind: 'multi'; options: readonly string[] }
  | { key: string; kind: 'list'; columns: readonly FieldDesc[] };

const TOBACCO = ['no', 'yes', 'regular', 'quit'] as const;
const CONDITIONS = [
  'cardiovascular', 'hypertension', 'diabetes', 'stomach', 'chronic_lung', 'asthma', 'goitre', 'hepatitis',
  'congenital_heart', 'mental_illness', 'autism', 'epilepsy', 'cancer', 'tuberculosis',
] as const;
const count = (key: string): FieldDesc => ({ key, kind: 'int', min: 0, max: 30 });

export const SECTION_FIELDS: Record<HealthRecordSection, readonly FieldDesc[]> = {
  birth: [
    { key: 'delivery', kind: 'enum', options: ['normal', 'caesarean'] },
    { key: 'premature', kind: 'bool' },
    { key: 'asphyxia', kind: 'bool' },
    { key: 'birthWeightGrams', kind: 'int', min: 300, max: 7000 },
    { key: 'birthLengthCm', kind: 'number', min: 20, max: 70 },
    { key: 'congenitalMalformation', kind: 'text' },
    { key: 'other', kind: 'text' },
  ],
  riskFactors: [
    { key: 'tobacco', kind: 'enum', options: TOBACCO },
    { key: 'pipeTobacco', kind: 'enum', options: TOBACCO },
    { key: 'alcoholRegular', kind: 'bool' },
    { key: 'alcoholGlassesPerDay', kind: 'number', min: 0, max: 50 },
    { key: 'drugUse', kind: 'bool' },
    { key: 'physicalActivity', kind: 'enum', options: ['none', 'sometimes', 'regular'] },
    { key: 'exposures', kind: 'list', columns: [{ key: 'agent', kind: 'text', required: true }, { key: 'years', kind: 'number', min: 0, max: 80 }] },
    { key: 'latrine', kind: 'enum', options: ['flush', 'double_vault', 'bucket', 'none', 'other'] },
    { key: 'other', kind: 'text' },
  ],
  allergies: [
    { key: 'drugs', kind: 'text' },
    { key: 'chemicals', kind: 'text' },
    { key: 'food', kind: 'text' },
    { key: 'other', kind: 'text' },
  ],
  diseases: [
    { key: 'conditions', kind: 'multi', options: CONDITIONS },
    { key: 'cancerType', kind: 'text' },
    { key: 'tuberculosisType', kind: 'text' },
    { key: 'other', kind: 'text' },
  ],
  disabilities: [
    { key: 'kinds', kind: 'multi', options: ['hearing', 'sight', 'arms', 'legs', 'scoliosis', 'cleft'] },
    { key: 'other', kind: 'text' },
  ],
  surgeries: [{ key: 'items', kind: 'list', columns: [{ key: 'bodyPart', kind: 'text' }, { key: 'year', kind: 'int', min: 1900, max: 2100 }] }],
  familyHistory: [
    {
      key: 'items',
      kind: 'list',
      columns: [
        { key: 'condition', kind: 'enum', options: ['allergy', 'cardiovascular', 'hypertension', 'mental_illness', 'asthma', 'diabetes', 'epilepsy', 'cancer', 'tuberculosis', 'other'] },
        { key: 'who', kind: 'text', required: true },
        { key: 'note', kind: 'text' },
      ],
    },
  ],
  reproductive: [
    { key: 'contraception', kind: 'text' },
    { key: 'lastPregnancy', kind: 'text' },
    count('pregnancies'),
    count('miscarriages'),
    count('abortions'),
    count('births'),
    count('normalDeliveries'),
    count('caesareans'),
    count('difficultDeliveries'),
    count('fullTerm'),
    count('premature'),
    count('livingChildren'),
    { key: 'gynaecologicalDiseases', kind: 'text' },
  ],
  otherProblems: [{ key: 'text', kind: 'text', long: true }],
};

export const labelKey = (section: string, field: string) => `hr.${section}.${field}`;
export const optionKey = (section: string, field: string, option: string) => `hr.${section}.${field}.${option}`;

/** Every i18n key the descriptors use (for the unit test). */
export function allSectionKeys(): string[] {
  const keys: string[] = [];
  const visit = (section: string, fields: readonly FieldDesc[], prefix = '') => {
    for (const f of fields) {
      const name = prefix ? `${prefix}.${f.key}` : f.key;
      keys.push(labelKey(section, name));
      if (f.kind === 'enum' || f.kind === 'multi') for (const o of f.options) keys.push(optionKey(section, name, o));
      if (f.kind === 'list') visit(section, f.columns, name);
    }
  };
  for (const [section, fields] of Object.entries(SECTION_FIELDS)) {
    keys.push(`hr.section.${section}`);
    visit(section, fields);
  }
  return keys;
}

type Value = Record<string, unknown>;
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Readable text of one field's value, e.g. "Có", "Tăng huyết áp, Đái tháo đường", "Ruột thừa (2015)". */
export function fieldText(section: string, f: FieldDesc, v: unknown, t: (k: string) => string, prefix = ''): string {
  if (isEmpty(v)) return '';
  const name = prefix ? `${prefix}.${f.key}` : f.key;
  switch (f.kind) {
    case 'bool':
      return v ? t('common.yes') : t('common.no');
    case 'enum':
      return t(optionKey(section, name, String(v)));
    case 'multi':
      return (v as string[]).map((o) => t(optionKey(section, name, o))).join(', ');
    case 'list':
      return (v as Value[])
        .map((item) => {
          const [first, ...rest] = f.columns.map((c) => fieldText(section, c, item[c.key], t, name)).filter(Boolean);
          return rest.length ? `${first} (${rest.join(', ')})` : (first ?? '');
        })
        .join('; ');
    default:
      return String(v);
  }
}

/** Field-by-field text of a section's value; only filled fields. */
export function sectionLines(section: HealthRecordSection, value: unknown, t: (k: string) => string): { label: string; text: string; key: string }[] {
  if (!value || typeof value !== 'object') return [];
  const v = value as Value;
  return SECTION_FIELDS[section]
    .map((f) => ({ key: f.key, label: t(labelKey(section, f.key)), text: fieldText(section, f, v[f.key], t) }))
    .filter((l) => l.text !== '');
}

/** Which fields differ between two values of a section (for the history: "what changed"). */
export function changedFields(section: HealthRecordSection, before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Value;
  const b = (after ?? {}) as Value;
  const norm = (v: unknown) => JSON.stringify(isEmpty(v) ? null : v);
  return SECTION_FIELDS[section].filter((f) => norm(a[f.key]) !== norm(b[f.key])).map((f) => f.key);
}
