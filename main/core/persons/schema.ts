import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { hamlets } from '../setup/schema.js';
import { syncedColumns } from '../sync-data/columns.js';

/** Households (hộ gia đình) of the station. `code` is unique within the station. */
export const households = sqliteTable(
  'households',
  {
    ...syncedColumns(),
    code: text('code').notNull(),
    hamletId: text('hamlet_id')
      .notNull()
      .references(() => hamlets.id),
    address: text('address').notNull(),
    /** Set right after the head is registered (a household and its head are created together). */
    headPersonId: text('head_person_id'),
    note: text('note'),
    /** A household whose members all moved out (after a split or moves) stays for its history. */
    dissolved: integer('dissolved', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('households_code').on(t.code), index('households_hamlet').on(t.hamletId)],
);

/** Persons: section A of the personal health record (QĐ 831/QĐ-BYT). */
export const persons = sqliteTable(
  'persons',
  {
    ...syncedColumns(),
    householdId: text('household_id').references(() => households.id),
    relationToHead: text('relation_to_head').notNull(),
    fullName: text('full_name').notNull(),
    /** foldVietnamese(fullName): lower case, no diacritics, đ → d. Searched through person_fts. */
    nameFolded: text('name_folded').notNull(),
    sex: text('sex', { enum: ['M', 'F'] }).notNull(),
    /** yyyy-mm-dd, or yyyy when only the year is known. */
    birthDate: text('birth_date').notNull(),
    birthYear: integer('birth_year').notNull(),
    ethnicityCode: text('ethnicity_code').notNull(),
    nationality: text('nationality').notNull(),
    religion: text('religion'),
    occupation: text('occupation'),
    bloodAbo: text('blood_abo'),
    bloodRh: text('blood_rh'),
    cccd: text('cccd'),
    cccdIssueDate: text('cccd_issue_date'),
    cccdIssuePlace: text('cccd_issue_place'),
    bhxhNumber: text('bhxh_number'),
    bhytCardCode: text('bhyt_card_code'),
    bhytBenefitLevel: integer('bhyt_benefit_level'),
    bhytValidFrom: text('bhyt_valid_from'),
    bhytValidTo: text('bhyt_valid_to'),
    bhytRegistrationFacility: text('bhyt_registration_facility'),
    birthProvince: text('birth_province'),
    permanentAddress: text('permanent_address'),
    currentAddress: text('current_address'),
    phone: text('phone'),
    phone2: text('phone2'),
    email: text('email'),
    motherName: text('mother_name'),
    fatherName: text('father_name'),
    carerName: text('carer_name'),
    carerRelation: text('carer_relation'),
    carerPhone: text('carer_phone'),
    note: text('note'),
    status: text('status', { enum: ['active', 'died', 'moved_away', 'merged'] }).notNull(),
    diedOn: text('died_on'),
    movedAwayOn: text('moved_away_on'),
    movedTo: text('moved_to'),
    movedInFrom: text('moved_in_from'),
    /** After a merge: the survivor's id. Every read of a merged id resolves to the survivor. */
    mergedInto: text('merged_into'),
    /** Quick allergy flag for the person header, kept in step with the health record's allergy section. */
    allergyAlert: integer('allergy_alert', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('persons_household').on(t.householdId),
    index('persons_cccd').on(t.cccd),
    index('persons_bhxh').on(t.bhxhNumber),
    index('persons_bhyt').on(t.bhytCardCode),
    index('persons_phone').on(t.phone),
    index('persons_phone2').on(t.phone2),
    index('persons_name_year').on(t.nameFolded, t.birthYear),
  ],
);

/** History of a person's household life: registered, moved in/out, died, changed household, split, merged. */
export const personEvents = sqliteTable(
  'person_events',
  {
    ...syncedColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    householdId: text('household_id'),
    kind: text('kind').notNull(),
    date: text('date').notNull(),
    details: text('details').notNull(),
    recordedBy: text('recorded_by'),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('person_events_person').on(t.personId), index('person_events_household').on(t.householdId)],
);

/** Merges of duplicate persons, kept for review. */
export const personMerges = sqliteTable('person_merges', {
  ...syncedColumns(),
  survivorId: text('survivor_id').notNull(),
  mergedId: text('merged_id').notNull(),
  reason: text('reason').notNull(),
  mergedBy: text('merged_by'),
  mergedAt: text('merged_at').notNull(),
  /** JSON: rows moved per table. */
  moved: text('moved').notNull(),
});
