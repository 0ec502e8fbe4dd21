/**
 * Error codes every API of the system answers with, in a JSON body `{ error: { code, message, details? } }`.
 * The message is for people (Italian by default, English for developer-facing APIs); the code is for programs.
 */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  /** the server is at a capacity limit (e.g. its open live streams); Retry-After says when to try again */
  'unavailable',
  'unknown_collection',
  'device_revoked',
  'enrolment_code_invalid',
  /** the password was right; the account has a second factor: send the authenticator's code too */
  'totp_required',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function apiError(code: ErrorCode, message: string, details?: unknown): ApiErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
