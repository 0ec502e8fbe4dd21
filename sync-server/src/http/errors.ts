import { apiError, issuesOfSchemaErrors, type ValidationIssue } from '@vigevano/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiFailure } from './api-failure';

const NOT_BODY = new Set<ValidationIssue['in']>(['params', 'querystring', 'headers']);

/**
 * The details of a request refused by its route's schema: one ValidationIssue per field at fault (a JSON Pointer
 * into the part that was checked, the JSON Schema keyword as `code` with its bound or choices, an English message),
 * so that a form can put its own sentence next to the field. Parts other than the body are named by `in`.
 */
function validationDetails(error: FastifyError): ValidationIssue[] {
  const part = error.validationContext as ValidationIssue['in'] | 'body' | undefined;
  const issues = issuesOfSchemaErrors(error.validation ?? []);
  return NOT_BODY.has(part as ValidationIssue['in'])
    ? issues.map((i) => ({ in: part as ValidationIssue['in'], ...i }))
    : issues;
}

/**
 * Every error leaves the server as `{ error: { code, message, details? } }`: refusals we expect with their own
 * code, schema violations as `validation_failed` with one issue per field (validationDetails), anything else as
 * `internal` (logged, with no internals sent to the client).
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiFailure, request, reply) => {
    if (error instanceof ApiFailure) {
      return reply.status(error.statusCode).send(apiError(error.code, error.message, error.details));
    }
    if (error.validation) {
      return reply
        .status(400)
        .send(
          apiError(
            'validation_failed',
            `invalid ${error.validationContext ?? 'request'}: ${error.message}`,
            validationDetails(error),
          ),
        );
    }
    if (error.statusCode === 413)
      return reply.status(413).send(apiError('payload_too_large', 'request body too large'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(apiError('bad_request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(apiError('internal', 'internal error: the server logged the details'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(apiError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
