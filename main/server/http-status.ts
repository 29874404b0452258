import type { ErrorCode } from '../../shared/errors.js';

/** HTTP status for each envelope error code; the body is always the JSON envelope. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
    case 'CATALOG_IMPORT_INVALID':
      return 400;
    case 'UNAUTHENTICATED':
    case 'SESSION_EXPIRED':
    case 'AUTH_INVALID_CREDENTIALS':
    case 'AUTH_WRONG_PASSWORD':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'UNKNOWN_PROCEDURE':
    case 'NOT_FOUND':
      return 404;
    case 'SETUP_REQUIRED':
    case 'SETUP_ALREADY_DONE':
    case 'USERNAME_TAKEN':
    case 'LAST_ADMIN':
    case 'PERSON_CCCD_DUPLICATE':
    case 'PERSON_POSSIBLE_DUPLICATE':
    case 'PERSON_CCCD_MISMATCH':
    case 'PERSON_NOT_ACTIVE':
    case 'HOUSEHOLD_CODE_TAKEN':
    case 'HOUSEHOLD_HEAD_INVALID':
    case 'MERGE_INVALID':
    case 'MEDICINE_CODE_TAKEN':
    case 'REFERRAL_STATE_INVALID':
    case 'APPOINTMENT_EXISTS':
    case 'IMM_DOSE_DUPLICATE':
    case 'IMM_LOT_EXPIRED':
    case 'IMM_LOT_NOT_IN_STOCK':
    case 'IMM_STATE_INVALID':
    case 'IMM_OBSERVATION_NOT_DONE':
      return 409;
    case 'IMM_SCHEDULE_INVALID':
      return 400;
    case 'XML_EXPORT_INVALID':
      return 422;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'SYNC_NOT_CONFIGURED':
      return 409;
    case 'SYNC_BUNDLE_INVALID':
      return 400;
    case 'SYNC_FAILED':
      return 502;
    case 'SESSION_LOCKED':
      return 423;
    case 'AUTH_LOCKED_OUT':
      return 429;
    case 'INTERNAL':
      return 500;
  }
}
