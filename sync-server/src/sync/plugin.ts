import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError, SYNC_LIMITS, syncRoutes } from '@vigevano/protocol';
import type { FastifyReply } from 'fastify';
import type { StreamConfig } from '../config';
import { ApiFailure } from '../http/api-failure';
import { changeEvents, type DocumentsChanged } from '../store/change-events';
import type { Store } from '../store/database';
import { syncCollection } from './collections';
import { recordDeviceStatus } from './device-status';
import { pullChanges } from './pull';
import { applyPush, checkPush, checkReferences } from './push';
import { trackPush } from './push-activity';
import { countRefusedWrites } from './refused-writes';
import { assertShallow, bearerToken, deviceReport, requireDevice, syncDevice } from './request';
import { type StreamRefusal, SyncStreams } from './stream';

/**
 * RxDB's replication protocol over HTTP, per collection and per device: pull, push and a live SSE stream.
 * Authentication comes first (a revoked device is refused at once, whatever it asks), then the collection.
 * Streams are capped per device and in total (`streams`), and a revoked device's open streams end at once.
 */
export const syncPlugin: FastifyPluginAsyncTypebox<{ store: Store; streams: StreamConfig }> = async (
  app,
  { store, streams: limits },
) => {
  const { db } = store;
  const streams = new SyncStreams(limits);
  // A device document changed (revocation writes one): end the streams of devices whose STORED credential is
  // revoked now. The credential decides, not the announcement, which only says where to look.
  const onDevicesChanged = (change: DocumentsChanged) => {
    if (change.collection !== 'devices') return;
    const open = new Set(streams.devices());
    const ids = (change.ids ?? []).filter((id) => open.has(id));
    if (ids.length === 0) return;
    void db
      .selectFrom('device_credentials')
      .select('device_id')
      .where('device_id', 'in', ids)
      .where('revoked', '=', 1)
      .execute()
      .then((revoked) => {
        for (const r of revoked) streams.closeDevice(r.device_id);
      })
      .catch((error) => app.log.error({ err: error }, 'closing revoked devices’ streams failed'));
  };
  changeEvents.on('changed', onDevicesChanged);
  app.addHook('preClose', async () => {
    changeEvents.off('changed', onDevicesChanged);
    streams.closeAll();
  });
  const refuse = (reply: FastifyReply, refusal: StreamRefusal) =>
    reply
      .status(refusal.status)
      .header('retry-after', String(refusal.retryAfterSeconds))
      .send(apiError(refusal.code, refusal.message));
  // The device is known (or refused) before a byte of a body is read. A stream request whose token already holds
  // its share of streams is refused even before that, with no query: a flood of them costs the store nothing.
  const authenticate = requireDevice(db);
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url === syncRoutes.stream.path) {
      const early = streams.refusalBeforeAuthentication(bearerToken(request));
      if (early) return refuse(reply, early);
    }
    return authenticate(request, reply);
  });

  app.get(syncRoutes.pull.path, { schema: syncRoutes.pull.schema }, async (request) => {
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
  });

  app.post(
    syncRoutes.push.path,
    {
      schema: syncRoutes.push.schema,
      bodyLimit: SYNC_LIMITS.maxPushBytes,
    },
    async (request) => {
      const device = await syncDevice(db, request);
      const collection = syncCollection(request.params.collection);
      assertShallow(request.body);
      // A whole push refused (a row for another hub, a create the device may not make): counted and logged.
      const noteRefusal = (error: unknown): unknown => {
        if (error instanceof ApiFailure && error.code === 'forbidden') {
          countRefusedWrites(collection.name, 1);
          request.log.warn(
            {
              collection: collection.name,
              deviceId: device.deviceId,
              hubId: device.hubId,
              reason: error.message,
            },
            'push refused by write authority',
          );
        }
        return error;
      };
      try {
        checkPush(collection, device, request.body);
        await checkReferences(db, collection, device, request.body);
      } catch (error) {
        throw noteRefusal(error);
      }
      const report = deviceReport(request);
      const { conflicts, written, refused } = await trackPush(() =>
        applyPush(
          db,
          collection,
          request.body,
          (tx) => recordDeviceStatus(tx, device, report, 'push'),
          device,
        ),
      ).catch((error: unknown) => {
        throw noteRefusal(error);
      });
      // A refused row is a kiosk writing what it may not (a bug, or a stolen kiosk): worth a warning every time.
      if (refused) {
        countRefusedWrites(collection.name, refused.length);
        request.log.warn(
          { collection: collection.name, deviceId: device.deviceId, hubId: device.hubId, refused },
          'push rows refused by write authority',
        );
      }
      if (written > 0 || conflicts.length > 0)
        request.log.debug(
          { collection: collection.name, rows: request.body.length, written, conflicts: conflicts.length },
          'push',
        );
      return { conflicts };
    },
  );

  // A kiosk that does not replicate (its disk is full) still tells the dashboard why: headers only, no body.
  app.post(syncRoutes.report.path, { schema: syncRoutes.report.schema }, async (request, reply) => {
    const device = await syncDevice(db, request);
    await recordDeviceStatus(db, device, deviceReport(request), 'report');
    return reply.status(204).send();
  });

  app.get(syncRoutes.stream.path, { schema: syncRoutes.stream.schema }, async (request, reply) => {
    const token = bearerToken(request);
    const device = await syncDevice(db, request);
    const collection = syncCollection(request.params.collection);
    const slot = streams.reserve(device.deviceId);
    if (!('release' in slot)) return refuse(reply, slot);
    try {
      await recordDeviceStatus(db, device, deviceReport(request), 'stream');
      // Revoked while its status was being recorded: the revocation could not close a stream not open yet.
      if (slot.cancelled)
        throw new ApiFailure('device_revoked', 'this kiosk has been revoked; enrol it again');
    } catch (error) {
      slot.release();
      throw error;
    }
    streams.open(collection, device, token, reply, slot);
  });
};
