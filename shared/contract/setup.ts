import { z } from 'zod';
import { emptyInput, facilityCodeSchema, passwordSchema, requiredText, usernameSchema, optionalText } from './common.js';
import { procedure } from './procedure.js';

export const hamletKindSchema = z.enum(['thon', 'ban', 'ap', 'to_dan_pho', 'khom', 'xom', 'khu_pho', 'other']);

export const facilitySchema = z.object({
  code: z.string(),
  name: z.string(),
  governingBody: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
});
export type Facility = z.infer<typeof facilitySchema>;

export const facilityInputSchema = z.object({
  name: requiredText(200),
  code: facilityCodeSchema,
  governingBody: requiredText(200),
  provinceCode: z.string().trim().regex(/^\d{2}$/, { error: 'v.required' }),
  provinceName: requiredText(100),
  communeCode: z.string().trim().regex(/^\d{5}$/, { error: 'v.required' }),
  communeName: requiredText(100),
});

export const hamletNamesSchema = z
  .array(requiredText(100))
  .min(1, { error: 'v.hamlets' })
  .max(300)
  .superRefine((names, ctx) => {
    const seen = new Set<string>();
    for (const n of names) {
      const key = n.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: 'v.hamletDuplicate', params: { name: n } });
      seen.add(key);
    }
  });

export const setupProcedures = {
  'setup.status': procedure({
    kind: 'read',
    access: 'public',
    summary: 'Whether the station has been set up, and its facility when it has.',
    input: emptyInput,
    output: z.object({ configured: z.boolean(), facility: facilitySchema.nullable() }),
  }),
  'setup.complete': procedure({
    kind: 'write',
    access: 'public',
    summary: 'First-run setup: facility, area, hamlets and the first administrator. Refused once done.',
    input: z.object({
      facility: facilityInputSchema,
      hamlets: hamletNamesSchema,
      admin: z.object({ fullName: requiredText(100), username: usernameSchema, password: passwordSchema }),
      locale: z.enum(['vi', 'en']).default('vi'),
    }),
    output: z.object({ facility: facilitySchema }),
  }),
  'facility.update': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Change the facility name or the supervising body printed on documents.',
    input: z.object({ name: requiredText(200), governingBody: requiredText(200) }),
    output: z.object({ facility: facilitySchema }),
  }),
};

export const hamletSchema = z.object({ id: z.string(), name: z.string(), sort: z.number().int() });
export const hamletProcedures = {
  'hamlets.list': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: "The station's hamlets in display order.",
    input: emptyInput,
    output: z.object({ hamlets: z.array(hamletSchema) }),
  }),
  'hamlets.add': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Add a hamlet (thôn/bản/ấp/tổ dân phố).',
    input: z.object({ name: requiredText(100), note: optionalText(200) }),
    output: z.object({ hamlet: hamletSchema }),
  }),
};
