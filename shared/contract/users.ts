import { z } from 'zod';
import { emptyInput, idSchema, localeSchema, passwordSchema, requiredText, roleSchema, usernameSchema } from './common.js';
import { procedure } from './procedure.js';

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  fullName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  locale: localeSchema,
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const usersProcedures = {
  'users.list': procedure({
    kind: 'read',
    access: ['admin'],
    summary: 'All user accounts of the station.',
    input: emptyInput,
    output: z.object({ users: z.array(userSchema) }),
  }),
  'users.create': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Create a user account with a role.',
    input: z.object({ username: usernameSchema, fullName: requiredText(100), role: roleSchema, password: passwordSchema }),
    output: z.object({ user: userSchema }),
  }),
  'users.update': procedure({
    kind: 'write',
    access: ['admin'],
    summary: "Change a user's name, role or active state; the last active administrator is protected.",
    input: z.object({
      id: idSchema,
      fullName: requiredText(100).optional(),
      role: roleSchema.optional(),
      active: z.boolean().optional(),
    }),
    output: z.object({ user: userSchema }),
  }),
  'users.resetPassword': procedure({
    kind: 'write',
    access: ['admin'],
    summary: "Set a new password for a user and end that user's sessions.",
    input: z.object({ id: idSchema, password: passwordSchema }),
    output: z.object({ ok: z.literal(true) }),
  }),
};
