import { z } from 'zod';
import { ROLES } from '../roles.js';

export const roleSchema = z.enum(ROLES);
export const localeSchema = z.enum(['vi', 'en']);
export const idSchema = z.string().uuid();
/** Trimmed, NFC text; a blank string fails with the `required` message. */
export const requiredText = (max = 200) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, { error: 'v.required' }).max(max));
export const optionalText = (max = 500) =>
  z
    .string()
    .max(max)
    .transform((s) => s.normalize('NFC').trim())
    .optional();
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._]{3,32}$/, { error: 'v.username' });
export const passwordSchema = z.string().min(8, { error: 'v.password' }).max(200);
export const facilityCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{5}$/, { error: 'v.facilityCode' });
export const emptyInput = z.object({}).strict();
export const okOutput = z.object({ ok: z.literal(true) });
