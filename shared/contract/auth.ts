import { z } from 'zod';
import { localeSchema, okOutput, emptyInput, passwordSchema, roleSchema, idSchema } from './common.js';
import { procedure } from './procedure.js';

export const sessionUserSchema = z.object({
  id: idSchema,
  username: z.string(),
  fullName: z.string(),
  role: roleSchema,
  locale: localeSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionInfoSchema = z.object({
  user: sessionUserSchema,
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const authProcedures = {
  'auth.login': procedure({
    kind: 'write',
    access: 'public',
    summary: 'Sign in with username and password; starts a session.',
    input: z.object({
      username: z.string().trim().toLowerCase().min(1, { error: 'v.required' }).max(64),
      password: z.string().min(1, { error: 'v.required' }).max(200),
      /** HTTP only: return a bearer token instead of setting the session cookie (tools, tests). */
      bearer: z.boolean().optional(),
    }),
    output: z.object({ session: sessionInfoSchema, token: z.string().optional() }),
  }),
  'auth.logout': procedure({
    kind: 'write',
    access: 'anyUser',
    allowWhenLocked: true,
    summary: 'End the current session.',
    input: emptyInput,
    output: okOutput,
  }),
  'auth.session': procedure({
    kind: 'read',
    access: 'public',
    allowWhenLocked: true,
    summary: 'The current session, or null when not signed in.',
    input: emptyInput,
    output: z.object({ session: sessionInfoSchema.nullable() }),
  }),
  'auth.lock': procedure({
    kind: 'write',
    access: 'anyUser',
    allowWhenLocked: true,
    summary: 'Lock the screen (idle timeout or on request); only auth.unlock and auth.logout work until unlocked.',
    input: emptyInput,
    output: okOutput,
  }),
  'auth.unlock': procedure({
    kind: 'write',
    access: 'anyUser',
    allowWhenLocked: true,
    summary: "Unlock the screen with the signed-in user's password.",
    input: z.object({ password: z.string().min(1, { error: 'v.required' }).max(200) }),
    output: z.object({ session: sessionInfoSchema }),
  }),
  'auth.changePassword': procedure({
    kind: 'write',
    access: 'anyUser',
    summary: 'Change your own password.',
    input: z.object({ currentPassword: z.string().min(1, { error: 'v.required' }), newPassword: passwordSchema }),
    output: okOutput,
  }),
  'auth.setLocale': procedure({
    kind: 'write',
    access: 'anyUser',
    summary: 'Set the interface language of the signed-in user.',
    input: z.object({ locale: localeSchema }),
    output: okOutput,
  }),
};
