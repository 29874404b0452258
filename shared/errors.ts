/** Stable error codes returned in the API envelope. Tests assert the code; the UI shows the translated message. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_PROCEDURE',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'SESSION_LOCKED',
  'FORBIDDEN',
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_LOCKED_OUT',
  'AUTH_WRONG_PASSWORD',
  'SETUP_REQUIRED',
  'SETUP_ALREADY_DONE',
  'USERNAME_TAKEN',
  'LAST_ADMIN',
  'NOT_FOUND',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'PERSON_CCCD_DUPLICATE',
  'PERSON_POSSIBLE_DUPLICATE',
  'PERSON_CCCD_MISMATCH',
  'PERSON_NOT_ACTIVE',
  'HOUSEHOLD_CODE_TAKEN',
  'HOUSEHOLD_HEAD_INVALID',
  'MERGE_INVALID',
  'CATALOG_IMPORT_INVALID',
  'MEDICINE_CODE_TAKEN',
  'REFERRAL_STATE_INVALID',
  'APPOINTMENT_EXISTS',
  'XML_EXPORT_INVALID',
  'SYNC_NOT_CONFIGURED',
  'SYNC_BUNDLE_INVALID',
  'SYNC_FAILED',
  'IMM_DOSE_DUPLICATE',
  'IMM_LOT_EXPIRED',
  'IMM_LOT_NOT_IN_STOCK',
  'IMM_STATE_INVALID',
  'IMM_OBSERVATION_NOT_DONE',
  'IMM_SCHEDULE_INVALID',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the input field, e.g. `admin.password`. */
  path: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: { fields?: FieldIssue[]; [k: string]: unknown };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside the backend to end a call with a known error; dispatch turns it into the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: ApiError['details'],
    /** Commit what the call wrote before failing (a failed sign-in must still count the failure). */
    readonly commitWrites = false,
  ) {
    super(code);
    this.name = 'AppError';
  }
}
