import type { NcdProgram } from './program-schema.js';

/**
 * The programs shipped with the product. A copy of resources/ncd/programs.json (a test keeps them equal), so the
 * renderer and pure code need no file access. Sources: QĐ 3756/QĐ-BYT (2018), QĐ 5904/QĐ-BYT (2019); targets from
 * ../shared/domain/ncd.md (< 140/90, < 130/80 with diabetes, HbA1c < 7 %). Follow-up monthly (ncd.md: usually monthly).
 * Peak flow (COPD, asthma) is a program-specific field: 50–900 L/min covers the scale of standard adult meters.
 */
export const BUILT_IN_PROGRAMS: readonly NcdProgram[] = [
  {
    code: 'hypertension',
    shortName: 'THA',
    nameVi: 'Tăng huyết áp',
    nameEn: 'Hypertension',
    icd10: ['I10', 'I11', 'I12', 'I13', 'I15'],
    followUpDays: 30,
    fields: ['bp', 'pulse', 'weight', 'symptoms', 'adherence', 'complications', 'medicines'],
    extraFields: [],
    control: 'bp',
    targets: { bp: { systolic: 140, diastolic: 90 }, bpWithDiabetes: { systolic: 130, diastolic: 80 } },
    source: 'QĐ 5904/QĐ-BYT (20/12/2019); WHO HEARTS',
  },
  {
    code: 'diabetes_t2',
    shortName: 'ĐTĐ',
    nameVi: 'Đái tháo đường típ 2',
    nameEn: 'Type 2 diabetes',
    icd10: ['E11'],
    followUpDays: 30,
    fields: ['bp', 'pulse', 'weight', 'glucose', 'hba1c', 'symptoms', 'adherence', 'complications', 'medicines'],
    extraFields: [],
    control: 'diabetes',
    targets: { bp: { systolic: 130, diastolic: 80 }, hba1c: 7 },
    source: 'QĐ 5904/QĐ-BYT (20/12/2019); WHO HEARTS',
  },
  {
    code: 'copd',
    shortName: 'COPD',
    nameVi: 'Bệnh phổi tắc nghẽn mạn tính (COPD)',
    nameEn: 'COPD',
    icd10: ['J44'],
    followUpDays: 30,
    fields: ['pulse', 'weight', 'symptoms', 'adherence', 'complications', 'medicines'],
    extraFields: [
      { key: 'peakFlow', labelVi: 'Lưu lượng đỉnh (PEF)', labelEn: 'Peak expiratory flow (PEF)', required: false, type: 'number', unit: 'L/phút', min: 50, max: 900, integer: true },
    ],
    control: 'none',
    targets: {},
    source: 'QĐ 5904/QĐ-BYT (20/12/2019)',
  },
  {
    code: 'asthma',
    shortName: 'HPQ',
    nameVi: 'Hen phế quản người lớn',
    nameEn: 'Adult asthma',
    icd10: ['J45'],
    followUpDays: 30,
    fields: ['pulse', 'weight', 'symptoms', 'adherence', 'complications', 'medicines'],
    extraFields: [
      { key: 'peakFlow', labelVi: 'Lưu lượng đỉnh (PEF)', labelEn: 'Peak expiratory flow (PEF)', required: false, type: 'number', unit: 'L/phút', min: 50, max: 900, integer: true },
    ],
    control: 'none',
    targets: {},
    source: 'QĐ 5904/QĐ-BYT (20/12/2019)',
  },
];
