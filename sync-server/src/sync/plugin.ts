import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError, SYNC_LIMITS, syncRoutes } from '@vigevano/protocol';
import type { FastifyReply } from 'fastify';
import type { ServerActivity } from '../http/activity';
import { ApiFailure } from '../http/api-failure';
import type { PushOutcome, RefusalReason, ServerMetrics } from '../observability/metrics';
import type { DocumentsChanged } from '../store/change-events';
import type { Store } from '../store/database';
import { checkKioskAnnulments } from './annulments';
import { syncCollection } from './collections';
import { recordDeviceStatus } from './device-status';
import { pullChanges } from './pull';
import { applyPush, checkPush, checkReferences, type PushResult } from './push';
import { assertShallow, bearerToken, deviceReport, requireDevice, syncDevice } from './request';
import type { StreamRefusal } from './stream';

/** How a push ended, for the metrics: its result, or the error it was refused with. */
function pushOutcome(result: PushResult | undefined, error: unknown): PushOutcome {
  if (result) return result.conflicts.length > 0 ? 'conflict' : 'ok';
  if (error instanceof ApiFailure && error.code === 'forbidden') return 'refused';
  if (error instanceof ApiFailure && error.code !== 'internal') return 'invalid';
  return 'error';
}

/**
 * RxDB's replication protocol over HTTP, per collection and per device: pull, push and a live SSE stream.
 * Authentication comes first (a revoked device is refused at once, whatever it asks), then the collection.
 * Streams are capped per device and in total (the instance's `activity.syncStreams`), and a revoked device's open
 * streams end at once, whichever instance revoked it (the store's change announcements reach every instance).
 * Pushes, pulls, refusals and open streams are counted in `metrics` when given.
 */
export const syncPlugin: FastifyPluginAsyncTypebox<{
  store: Store;
  activity: ServerActivity;
  metrics?: ServerMetrics;
}> = async (app, { store, activity, metrics }) => {
  const { db } = store;
  const { syncStreams: streams, pushes, refusedWrites } = activity;
  metrics?.source('openStreams', () => streams.openCount());
  // A device document changed (revocation writes one): end the streams of devices whose STORED credential is
  // revoked now. The credential decides, not the announcement, which only says where to look.
  const onDevicesChanged = (change: DocumentsChanged) => {
    if (change.collection !== 'devices' && change.collection !== null) return;
    // Another instance's announcement names no documents: every device with a stream open is checked.
    const open = new Set(streams.devices());
    const ids = change.ids ? change.ids.filter((id) => open.has(id)) : [...open];
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
  store.changes.on('changed', onDevicesChanged);
  app.addHook('preClose', async () => {
    store.changes.off('changed', onDevicesChanged);
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
    metrics?.countPull(collection.name, result.documents.length);
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
      // A whole push refused (a row for another hub, a create the device may not make): counted and logged.
      const noteRefusal =
        (reason: RefusalReason) =>
        (error: unknown): unknown => {
          if (error instanceof ApiFailure && error.code === 'forbidden') {
            refusedWrites.count(collection.name, 1);
            metrics?.countRefused(collection.name, reason, 1);
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
      let result: PushResult | undefined;
      try {
        assertShallow(request.body);
        try {
          checkPush(collection, device, request.body);
        } catch (error) {
          throw noteRefusal(collection.devicesPush ? 'foreign_hub' : 'server_collection')(error);
        }
        await checkReferences(db, collection, device, request.body).catch((error: unknown) => {
          throw noteRefusal('foreign_reference')(error);
        });
        await checkKioskAnnulments(db, collection, device, request.body).catch((error: unknown) => {
          throw noteRefusal('foreign_reference')(error);
        });
        const report = deviceReport(request);
        result = await pushes
          .track(() =>
            applyPush(
              db,
              collection,
              request.body,
              (tx) => recordDeviceStatus(tx, device, report, 'push'),
              device,
            ),
          )
          .catch((error: unknown) => {
            throw noteRefusal('create')(error);
          });
      } catch (error) {
        metrics?.countPush(collection.name, pushOutcome(undefined, error));
        throw error;
      }
      const { conflicts, written, refused } = result;
      metrics?.countPush(collection.name, pushOutcome(result, undefined), written);
      // A refused row is a kiosk writing what it may not (a bug, or a stolen kiosk): worth a warning every time.
      if (refused) {
        refusedWrites.count(collection.name, refused.length);
        metrics?.countRefused(collection.name, 'update', refused.length);
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
    streams.open(store.changes, collection, device, token, reply, slot);
  });
};
