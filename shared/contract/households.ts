import { z } from 'zod';
import { idSchema, optionalText, requiredText } from './common.js';
import { isoDateSchema, personEventSchema, personFieldsSchema, personSchema, personSummarySchema, sexSchema, birthDateSchema } from './persons.js';
import { procedure } from './procedure.js';

export const householdSchema = z.object({
  id: idSchema,
  code: z.string(),
  hamletId: z.string(),
  hamletName: z.string(),
  address: z.string(),
  headPersonId: z.string().nullable(),
  headName: z.string().nullable(),
  memberCount: z.number().int(),
  note: z.string().nullable(),
  dissolved: z.boolean(),
});
export type Household = z.infer<typeof householdSchema>;

const editable = ['admin', 'physician', 'nurse', 'clerk'] as const;

export const householdsProcedures = {
  'households.list': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Households of the station, by hamlet, with head of household and member count.',
    input: z.object({
      hamletId: z.string().optional(),
      q: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ households: z.array(householdSchema), total: z.number().int() }),
  }),
  'households.get': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'A household with its members (relation, age, status) and its history.',
    input: z.object({ id: idSchema }),
    output: z.object({ household: householdSchema, members: z.array(personSummarySchema), events: z.array(personEventSchema.extend({ personId: z.string(), personName: z.string() })) }),
  }),
  'households.create': procedure({
    kind: 'write',
    access: editable,
    summary: 'Create a household with its head (code generated when not given; unique within the station).',
    input: z.object({
      code: z.string().trim().max(20).optional().or(z.literal('').transform(() => undefined)),
      hamletId: idSchema,
      address: requiredText(300),
      note: optionalText(300),
      head: personFieldsSchema,
      confirmCccdWarnings: z.boolean().default(false),
      confirmNotDuplicate: z.boolean().default(false),
    }),
    output: z.object({ household: householdSchema, head: personSchema }),
  }),
  'households.update': procedure({
    kind: 'write',
    access: editable,
    summary: "Change a household's hamlet, address, note or head of household.",
    input: z.object({ id: idSchema, hamletId: idSchema.optional(), address: requiredText(300).optional(), note: optionalText(300), headPersonId: idSchema.optional() }),
    output: z.object({ household: householdSchema }),
  }),
  'households.split': procedure({
    kind: 'write',
    access: editable,
    summary: 'Split members off into a new household with its own head (the new head must be among them).',
    input: z.object({
      householdId: idSchema,
      memberIds: z.array(idSchema).min(1),
      newHeadId: idSchema,
      hamletId: idSchema.optional(),
      address: optionalText(300),
      date: isoDateSchema,
    }),
    output: z.object({ household: householdSchema }),
  }),
  'households.addNewborn': procedure({
    kind: 'write',
    access: editable,
    summary: "One action from the mother: the newborn joins her household with her name, ethnicity and addresses.",
    input: z.object({ motherId: idSchema, fullName: requiredText(100), sex: sexSchema, birthDate: birthDateSchema, note: optionalText(300) }),
    output: z.object({ person: personSchema }),
  }),
};

export { personEventSchema };
