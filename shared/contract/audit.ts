import { z } from 'zod';
import { procedure } from './procedure.js';

export const auditKindSchema = z.enum(['view', 'change', 'auth']);
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  workstation: z.string(),
  kind: auditKindSchema,
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  personId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditProcedures = {
  'audit.list': procedure({
    kind: 'read',
    access: ['admin'],
    summary: 'Browse the append-only audit log, newest first, with filters.',
    input: z.object({
      from: z.string().date().optional(),
      to: z.string().date().optional(),
      userId: z.string().optional(),
      kind: auditKindSchema.optional(),
      personId: z.string().optional(),
      text: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ entries: z.array(auditEntrySchema), total: z.number().int() }),
  }),
};
