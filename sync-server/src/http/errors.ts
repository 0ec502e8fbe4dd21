import { apiError } from '@vigevano/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiFailure } from './api-failure';

/**
 * Every error leaves the server as `{ error: { code, message, details? } }`: refusals we expect with their own
 * code, schema violations as `validation_failed` naming the field, anything else as `internal` (logged, with no
 * internals sent to the client).
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiFailure, request, reply) => {
    if (error instanceof ApiFailure) {
      return reply.status(error.statusCode).send(apiError(error.code, error.message, error.details));
    }
    if (error.validation) {
      const details = error.validation.map((v) => ({
        path: v.instancePath || '/',
        message: v.message ?? '',
      }));
      return reply
        .status(400)
        .send(
          apiError(
            'validation_failed',
            `invalid ${error.validationContext ?? 'request'}: ${error.message}`,
            details,
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
