import { z } from 'zod';

/**
 * Wire format of the station ↔ hub and hub ↔ hub sync protocol (docs/sync.md). Bodies are JSON, gzip-compressed,
 * `POST /v1/sync`. One request pushes a batch of changes and pulls a page of rows, so a small sync is one round trip.
 */
export const PROTOCOL_VERSION = 1;

export const SYNC_LIMITS = {
  /** Compressed request body. */
  maxBodyBytes: 8 * 1024 * 1024,
  /** Decompressed request body (a gzip bomb stops here). */
  maxInflatedBytes: 64 * 1024 * 1024,
  maxChangesPerBatch: 5000,
  maxFieldsPerChange: 300,
  maxStringLength: 1_000_000,
  /** What a client puts in one batch, and the default page a hub returns. */
  pushBatch: 1000,
  pullPage: 1000,
  /** A page stops growing past this many bytes of JSON (before compression). */
  pullPageBytes: 2 * 1024 * 1024,
  maxRefetch: 1000,
} as const;

export const HLC_PATTERN = /^[0-9a-f]{15}-[0-9a-f]{4}-[A-Za-z0-9_.:]{1,64}$/;
export const IDENT_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export const identSchema = z.string().regex(IDENT_PATTERN);
export const hlcSchema = z.string().regex(HLC_PATTERN);
export const rowIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/);
export const facilityCodeSchema = z.string().regex(/^[A-Za-z0-9._-]{1,32}$/);
export const nodeIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);
export const batchIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/);

// NUL cannot be stored in PostgreSQL text or jsonb: refused at the door.
export const scalarSchema = z.union([z.string().max(SYNC_LIMITS.maxStringLength).refine((s) => !s.includes('\u0000')), z.number().finite(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof scalarSchema>;

const fieldsSchema = z
  .record(identSchema, scalarSchema)
  .refine((f) => Object.keys(f).length <= SYNC_LIMITS.maxFieldsPerChange, { message: 'too many fields' });

/** One change as recorded in a station's change_log: the changed columns of one row, all stamped `h`. */
export const wireChangeSchema = z.object({
  /** Table (database name). */
  t: identSchema,
  id: rowIdSchema,
  /** Owner of the row when the change was made (change_log.owner_facility). */
  o: facilityCodeSchema,
  h: hlcSchema,
  f: fieldsSchema,
});
export type WireChange = z.infer<typeof wireChangeSchema>;

/** A row (or the fields of it that changed) as a hub sends it down. */
export const wireRowSchema = z.object({
  t: identSchema,
  id: rowIdSchema,
  /** Newest clock among the fields sent; the clock of every field not listed in `c`. */
  h: hlcSchema,
  f: fieldsSchema,
  /** Per-field clocks that differ from `h`. */
  c: z.record(identSchema, hlcSchema).optional(),
  /** Every field of the row is present (the receiver may create the row). */
  full: z.literal(1).optional(),
});
export type WireRow = z.infer<typeof wireRowSchema>;

export const FACILITY_LEVELS = ['station', 'district', 'province'] as const;
export type FacilityLevel = (typeof FACILITY_LEVELS)[number];

export const facilityDeclSchema = z.object({
  code: facilityCodeSchema,
  name: z.string().min(1).max(200),
  level: z.enum(FACILITY_LEVELS),
  parent: facilityCodeSchema,
});
export type FacilityDecl = z.infer<typeof facilityDeclSchema>;

export const syncRequestSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  /** The caller's replica id (station node id or hub node id); the hub does not echo a node's own values back. */
  node: nodeIdSchema,
  push: z.object({ id: batchIdSchema, changes: z.array(wireChangeSchema).max(SYNC_LIMITS.maxChangesPerBatch) }).optional(),
  /** Pull cursor: the hub's sequence number up to which the caller has applied everything. */
  cursor: z.number().int().min(0),
  /** false: push only. */
  pull: z.boolean().optional(),
  limit: z.number().int().min(1).max(5000).optional(),
  /** Rows the caller lacks (it received part of a row it never had): sent whole. */
  refetch: z.array(z.tuple([identSchema, rowIdSchema])).max(SYNC_LIMITS.maxRefetch).optional(),
  /** A hub declares the facilities it serves to its upstream, so their forwarded rows are accepted. */
  facilities: z.array(facilityDeclSchema).max(5000).optional(),
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

const ROW_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const FACILITY_CODE_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;

/**
 * The rules of `wireChangeSchema`, checked without zod: on a large upload zod's per-change work was the largest
 * part of the hub's CPU (docs/benchmarks.md, "Sync"). Returns the first problem as `path: message`, or null.
 * protocol.test.ts checks that both accept and refuse the same changes.
 */
export function wireChangeProblem(c: unknown): string | null {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return ': expected an object';
  const { t, id, o, h, f } = c as Record<string, unknown>;
  if (typeof t !== 'string' || !IDENT_PATTERN.test(t)) return 't: invalid table name';
  if (typeof id !== 'string' || !ROW_ID_PATTERN.test(id)) return 'id: invalid row id';
  if (typeof o !== 'string' || !FACILITY_CODE_PATTERN.test(o)) return 'o: invalid facility code';
  if (typeof h !== 'string' || !HLC_PATTERN.test(h)) return 'h: invalid clock';
  if (typeof f !== 'object' || f === null || Array.isArray(f)) return 'f: expected an object';
  let n = 0;
  for (const key in f) {
    if (!Object.prototype.hasOwnProperty.call(f, key)) continue;
    // __proto__ is a valid identifier but no column: refused rather than risk an object's prototype.
    if (!IDENT_PATTERN.test(key) || key === '__proto__') return `f.${key}: invalid field name`;
    const v = (f as Record<string, unknown>)[key];
    if (typeof v === 'string') {
      if (v.length > SYNC_LIMITS.maxStringLength || v.includes('\u0000')) return `f.${key}: invalid text`;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `f.${key}: invalid number`;
    } else if (v !== null && typeof v !== 'boolean') return `f.${key}: expected text, number, boolean or null`;
    n++;
  }
  if (n > SYNC_LIMITS.maxFieldsPerChange) return 'f: too many fields';
  return null;
}

const syncEnvelopeSchema = syncRequestSchema.extend({
  push: z.object({ id: batchIdSchema, changes: z.array(z.unknown()).max(SYNC_LIMITS.maxChangesPerBatch) }).optional(),
});

/** `syncRequestSchema.safeParse` with the pushed changes checked by `wireChangeProblem` (same result, faster). */
export function parseSyncRequest(body: unknown): { success: true; data: SyncRequest } | { success: false; issues: string[] } {
  const envelope = syncEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { success: false, issues: envelope.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) };
  const { push, ...rest } = envelope.data;
  if (!push) return { success: true, data: rest };
  const changes: WireChange[] = [];
  for (let i = 0; i < push.changes.length; i++) {
    const problem = wireChangeProblem(push.changes[i]);
    if (problem) return { success: false, issues: [`push.changes.${i}.${problem}`] };
    const { t, id, o, h, f } = push.changes[i] as WireChange;
    changes.push({ t, id, o, h, f });
  }
  return { success: true, data: { ...rest, push: { id: push.id, changes } } };
}

export const rejectionSchema = z.object({ i: z.number().int(), code: z.enum(['NOT_OWNER', 'MOVED']) });
export type Rejection = z.infer<typeof rejectionSchema>;

export const syncResponseSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  /** The caller's facility, as the hub knows it from the credential. */
  facility: facilityCodeSchema,
  /** The hub's own facility. */
  hub: facilityCodeSchema,
  /** The hub's clock now: the caller's clock moves past it. */
  hlc: hlcSchema,
  ack: z.object({ id: batchIdSchema, accepted: z.number().int(), rejected: z.array(rejectionSchema) }).optional(),
  /** Current values of pushed fields that lost to a newer change (or rows whose change was refused). */
  fix: z.array(wireRowSchema),
  rows: z.array(wireRowSchema),
  /** Cursor the page starts after, and the new cursor. */
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  more: z.boolean(),
});
export type SyncResponse = z.infer<typeof syncResponseSchema>;

/** Error body of a refused request (any 4xx/5xx). */
export interface HubErrorBody {
  error: HubErrorCode;
  message: string;
}
export type HubErrorCode =
  | 'CREDENTIAL_MISSING'
  | 'CREDENTIAL_INVALID'
  | 'CREDENTIAL_REVOKED'
  | 'CREDENTIAL_EXPIRED'
  | 'MALFORMED'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PROTOCOL_VERSION'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BUNDLE_INVALID'
  | 'INTERNAL';

export function maxHlc(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}
