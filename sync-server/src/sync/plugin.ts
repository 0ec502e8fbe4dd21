import { type PushRow, SYNC_LIMITS, syncRoutes } from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { ApiFailure } from '../http/api-failure';
import type { Store } from '../store/database';
import { syncCollection } from './collections';
import { recordDeviceStatus } from './device-status';
import { pullChanges } from './pull';
import { applyPush, checkPush } from './push';
import { trackPush } from './push-activity';
import { assertShallow, deviceReport, syncDevice } from './request';
import { closeAllStreams, openStream } from './stream';

const collectionParams = {
  type: 'object',
  properties: { collection: { type: 'string', minLength: 1, maxLength: 40 } },
  required: ['collection'],
} as const;

const pullQuery = {
  type: 'object',
  properties: {
    order: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: SYNC_LIMITS.maxPullLimit },
  },
  additionalProperties: false,
} as const;

/** Only the envelope; documents are checked by their collection's own JSON Schema (after the depth check). */
const pushBody = {
  type: 'array',
  maxItems: SYNC_LIMITS.maxPushRows,
  items: {
    type: 'object',
    properties: {
      newDocumentState: { type: 'object' },
      assumedMasterState: { type: ['object', 'null'] },
    },
    required: ['newDocumentState'],
    additionalProperties: false,
  },
} as const;

/**
 * RxDB's replication protocol over HTTP, per collection and per device: pull, push and a live SSE stream.
 * Authentication comes first (a revoked device is refused at once, whatever it asks), then the collection.
 */
export const syncPlugin: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const { db } = store;
  app.addHook('preClose', async () => closeAllStreams());

  app.get<{ Params: { collection: string }; Querystring: { order?: number; limit?: number } }>(
    syncRoutes.pull.path,
    { schema: { params: collectionParams, querystring: pullQuery } },
    async (request) => {
      const device = await syncDevice(db, request);
      const collection = syncCollection(request.params.collection);
      const { order, limit } = request.query;
      // Ajv's coercion turns `order=1e400` into Infinity and lets it pass as an integer; it is no checkpoint.
      if (order !== undefined && !Number.isSafeInteger(order))
        throw new ApiFailure('validation_failed', 'invalid querystring: order must be a whole number', {
          path: '/order',
        });
      const result = await pullChanges(
        db,
        collection,
        device,
        order === undefined ? null : { order },
        limit ?? SYNC_LIMITS.defaultPullLimit,
      );
      await recordDeviceStatus(db, device, deviceReport(request), 'pull');
      return result;
    },
  );

  app.post<{ Params: { collection: string }; Body: PushRow[] }>(
    syncRoutes.push.path,
    {
      schema: { params: collectionParams, body: pushBody },
      bodyLimit: SYNC_LIMITS.maxPushBytes,
    },
    async (request) => {
      const device = await syncDevice(db, request);
      const collection = syncCollection(request.params.collection);
      assertShallow(request.body);
      checkPush(collection, device, request.body);
      const report = deviceReport(request);
      const { conflicts, written } = await trackPush(() =>
        applyPush(db, collection, request.body, (tx) => recordDeviceStatus(tx, device, report, 'push')),
      );
      if (written > 0 || conflicts.length > 0)
        request.log.debug(
          { collection: collection.name, rows: request.body.length, written, conflicts: conflicts.length },
          'push',
        );
      return { conflicts };
    },
  );

  // A kiosk that does not replicate (its disk is full) still tells the dashboard why: headers only, no body.
  app.post(syncRoutes.report.path, async (request, reply) => {
    const device = await syncDevice(db, request);
    await recordDeviceStatus(db, device, deviceReport(request), 'report');
    return reply.status(204).send();
  });

  app.get<{ Params: { collection: string } }>(
    syncRoutes.stream.path,
    { schema: { params: collectionParams } },
    async (request, reply) => {
      const device = await syncDevice(db, request);
      const collection = syncCollection(request.params.collection);
      await recordDeviceStatus(db, device, deviceReport(request), 'stream');
      await openStream(collection, device, reply);
    },
  );
};
