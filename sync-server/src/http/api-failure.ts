import type { ErrorCode } from '@vigevano/protocol';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  unknown_collection: 404,
  device_revoked: 403,
  enrolment_code_invalid: 400,
  totp_required: 401,
  internal: 500,
};

/** An expected refusal: the error handler answers it as `{ error: { code, message } }` with its status. */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.statusCode = STATUS[code];
  }
}
