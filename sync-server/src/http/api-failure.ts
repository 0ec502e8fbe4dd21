import type { ErrorCode, ValidationIssue } from '@vigevano/protocol';

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

/**
 * A refusal of one field of the request's body: the details carry one ValidationIssue (`path`, a JSON Pointer into
 * the body; `code`, the route's own reason such as `duplicate`; the message), so a form shows the message next to
 * that field rather than at the top.
 */
export function fieldFailure(code: ErrorCode, path: string, reason: string, message: string): ApiFailure {
  const issue: ValidationIssue = { path, code: reason, message };
  return new ApiFailure(code, message, [issue]);
}
