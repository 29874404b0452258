import { z } from 'zod';
import { parseCredential } from '../sync/credential.js';
import { emptyInput } from './common.js';
import { procedure } from './procedure.js';

/** Sync with the district/province hub (docs/sync.md). */
const hubUrlSchema = z
  .string()
  .trim()
  .max(300)
  .refine((s) => /^https?:\/\/[^\s/]+(\/.*)?$/i.test(s), { error: 'v.sync.hubUrl' });
const credentialSchema = z
  .string()
  .trim()
  .refine((s) => parseCredential(s) !== null, { error: 'v.sync.credential' });

export const syncRunSchema = z.object({
  id: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  via: z.string(),
  ok: z.boolean().nullable(),
  pushed: z.number().int(),
  pulled: z.number().int(),
  rejected: z.number().int(),
  bytesUp: z.number().int(),
  bytesDown: z.number().int(),
  roundTrips: z.number().int(),
  errorCode: z.string().nullable(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

export const syncProgressSchema = z.object({
  phase: z.enum(['push', 'pull', 'done', 'error']),
  pushed: z.number().int(),
  pulled: z.number().int(),
  toPush: z.number().int(),
  bytesUp: z.number().int(),
  bytesDown: z.number().int(),
  roundTrips: z.number().int(),
});

export const syncStatusSchema = z.object({
  configured: z.boolean(),
  hubUrl: z.string().nullable(),
  /** `<facility>.<credential id>`: never the secret. */
  credentialLabel: z.string().nullable(),
  hubFacility: z.string().nullable(),
  lastOkAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** UNREACHABLE | CERTIFICATE | CREDENTIAL | REFUSED | HUB_ERROR, explained in plain words by the screen. */
  lastError: z.object({ code: z.string(), detail: z.string() }).nullable(),
  pending: z.number().int(),
  running: z.boolean(),
  progress: syncProgressSchema.nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

const runSummarySchema = z.object({
  ok: z.boolean(),
  pushed: z.number().int(),
  pulled: z.number().int(),
  rejected: z.number().int(),
  bytesUp: z.number().int(),
  bytesDown: z.number().int(),
  roundTrips: z.number().int(),
  error: z.object({ code: z.string(), detail: z.string() }).nullable(),
});

export const syncProcedures = {
  'sync.status': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Hub address, last successful sync, changes waiting, last error, progress of a running sync.',
    input: emptyInput,
    output: z.object({ status: syncStatusSchema }),
  }),
  'sync.configure': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'Set the hub address and the credential the hub issued for this station (enrolment).',
    input: z.object({ hubUrl: hubUrlSchema, credential: credentialSchema }),
    output: z.object({ status: syncStatusSchema }),
  }),
  'sync.now': procedure({
    // Runs its own transactions around network exchanges (a write procedure must be synchronous).
    kind: 'read',
    access: ['admin', 'physician', 'nurse', 'clerk'],
    summary: 'Sync now (push waiting changes, pull what concerns the station); waits for the result.',
    input: emptyInput,
    output: z.object({ run: runSummarySchema }),
  }),
  'sync.history': procedure({
    kind: 'read',
    access: 'anyUser',
    summary: 'Recent sync attempts, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }),
    output: z.object({ runs: z.array(syncRunSchema) }),
  }),
  'sync.exportBundle': procedure({
    kind: 'write',
    access: ['admin'],
    summary: 'USB: the changes the hub has not acknowledged, as one signed, compressed file (base64).',
    input: emptyInput,
    output: z.object({ fileName: z.string(), contentBase64: z.string(), changes: z.number().int() }),
  }),
  'sync.importBundle': procedure({
    // Runs its own transaction (foreign keys are switched off around it, which needs no open transaction).
    kind: 'read',
    access: ['admin'],
    summary: "USB: import the hub's return file (base64). A tampered file is refused; importing twice changes nothing.",
    input: z.object({ contentBase64: z.string().min(1).max(30_000_000) }),
    output: z.object({ run: runSummarySchema }),
  }),
  'sync.restore': procedure({
    kind: 'read',
    access: 'public',
    summary: "Before setup only: bring back all of this station's data from its hub (a new PC), then sign in as before.",
    input: z.object({ hubUrl: hubUrlSchema, credential: credentialSchema }),
    output: z.object({ rows: z.number().int(), facility: z.string() }),
  }),
};
