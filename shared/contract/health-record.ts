import { z } from 'zod';
import { idSchema } from './common.js';
import { procedure } from './procedure.js';

/** Section B of the personal health record (QĐ 831/QĐ-BYT), as structured data. All fields optional. */
const yesNo = z.boolean().optional();
const text = (max = 300) => z.string().max(max).optional();

export const healthRecordSections = {
  birth: z.object({
    delivery: z.enum(['normal', 'caesarean']).optional(),
    premature: yesNo,
    asphyxia: yesNo,
    birthWeightGrams: z.number().int().min(300).max(7000).optional(),
    birthLengthCm: z.number().min(20).max(70).optional(),
    congenitalMalformation: text(),
    other: text(),
  }),
  riskFactors: z.object({
    tobacco: z.enum(['no', 'yes', 'regular', 'quit']).optional(),
    pipeTobacco: z.enum(['no', 'yes', 'regular', 'quit']).optional(),
    alcoholRegular: yesNo,
    alcoholGlassesPerDay: z.number().min(0).max(50).optional(),
    drugUse: yesNo,
    physicalActivity: z.enum(['none', 'sometimes', 'regular']).optional(),
    exposures: z.array(z.object({ agent: z.string().max(100), years: z.number().min(0).max(80).optional() })).max(20).optional(),
    latrine: z.enum(['flush', 'double_vault', 'bucket', 'none', 'other']).optional(),
    other: text(),
  }),
  allergies: z.object({
    drugs: text(),
    chemicals: text(),
    food: text(),
    other: text(),
  }),
  diseases: z.object({
    conditions: z.array(z.enum([
      'cardiovascular', 'hypertension', 'diabetes', 'stomach', 'chronic_lung', 'asthma', 'goitre', 'hepatitis',
      'congenital_heart', 'mental_illness', 'autism', 'epilepsy', 'cancer', 'tuberculosis',
    ])).max(20).default([]),
    cancerType: text(),
    tuberculosisType: text(),
    other: text(),
  }),
  disabilities: z.object({
    kinds: z.array(z.enum(['hearing', 'sight', 'arms', 'legs', 'scoliosis', 'cleft'])).max(10).default([]),
    other: text(),
  }),
  surgeries: z.object({
    items: z.array(z.object({ bodyPart: z.string().min(1).max(100), year: z.number().int().min(1900).max(2100).optional() })).max(30).default([]),
  }),
  familyHistory: z.object({
    items: z.array(z.object({
      condition: z.enum(['allergy', 'cardiovascular', 'hypertension', 'mental_illness', 'asthma', 'diabetes', 'epilepsy', 'cancer', 'tuberculosis', 'other']),
      who: z.string().max(60),
      note: z.string().max(200).optional(),
    })).max(30).default([]),
  }),
  reproductive: z.object({
    contraception: text(100),
    lastPregnancy: z.string().max(10).optional(),
    pregnancies: z.number().int().min(0).max(30).optional(),
    miscarriages: z.number().int().min(0).max(30).optional(),
    abortions: z.number().int().min(0).max(30).optional(),
    births: z.number().int().min(0).max(30).optional(),
    normalDeliveries: z.number().int().min(0).max(30).optional(),
    caesareans: z.number().int().min(0).max(30).optional(),
    difficultDeliveries: z.number().int().min(0).max(30).optional(),
    fullTerm: z.number().int().min(0).max(30).optional(),
    premature: z.number().int().min(0).max(30).optional(),
    livingChildren: z.number().int().min(0).max(30).optional(),
    gynaecologicalDiseases: text(),
  }),
  otherProblems: z.object({ text: text(1000) }),
};
export type HealthRecordSection = keyof typeof healthRecordSections;
export const HEALTH_RECORD_SECTIONS = Object.keys(healthRecordSections) as HealthRecordSection[];
export const healthRecordSectionSchema = z.enum(HEALTH_RECORD_SECTIONS as [HealthRecordSection, ...HealthRecordSection[]]);

export const healthRecordSchema = z.object({
  birth: healthRecordSections.birth.nullable(),
  riskFactors: healthRecordSections.riskFactors.nullable(),
  allergies: healthRecordSections.allergies.nullable(),
  diseases: healthRecordSections.diseases.nullable(),
  disabilities: healthRecordSections.disabilities.nullable(),
  surgeries: healthRecordSections.surgeries.nullable(),
  familyHistory: healthRecordSections.familyHistory.nullable(),
  reproductive: healthRecordSections.reproductive.nullable(),
  otherProblems: healthRecordSections.otherProblems.nullable(),
});
export type HealthRecord = z.infer<typeof healthRecordSchema>;

export const healthRecordChangeSchema = z.object({
  id: z.string(),
  section: healthRecordSectionSchema,
  value: z.unknown(),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
});

export const healthRecordProcedures = {
  'healthRecord.get': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "A person's health record section B with the history of changes (who changed what and when).",
    input: z.object({ personId: idSchema }),
    output: z.object({ record: healthRecordSchema, history: z.array(healthRecordChangeSchema) }),
  }),
  'healthRecord.updateSection': procedure({
    kind: 'write',
    access: ['admin', 'physician', 'nurse'],
    summary: 'Replace one section of the health record; the previous value stays in the history.',
    input: z.discriminatedUnion('section', [
      z.object({ personId: idSchema, section: z.literal('birth'), value: healthRecordSections.birth }),
      z.object({ personId: idSchema, section: z.literal('riskFactors'), value: healthRecordSections.riskFactors }),
      z.object({ personId: idSchema, section: z.literal('allergies'), value: healthRecordSections.allergies }),
      z.object({ personId: idSchema, section: z.literal('diseases'), value: healthRecordSections.diseases }),
      z.object({ personId: idSchema, section: z.literal('disabilities'), value: healthRecordSections.disabilities }),
      z.object({ personId: idSchema, section: z.literal('surgeries'), value: healthRecordSections.surgeries }),
      z.object({ personId: idSchema, section: z.literal('familyHistory'), value: healthRecordSections.familyHistory }),
      z.object({ personId: idSchema, section: z.literal('reproductive'), value: healthRecordSections.reproductive }),
      z.object({ personId: idSchema, section: z.literal('otherProblems'), value: healthRecordSections.otherProblems }),
    ]),
    output: z.object({ record: healthRecordSchema }),
  }),
};
