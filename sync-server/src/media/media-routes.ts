import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CONTENT_MEDIA_TYPES, MEDIA_LIMITS, mediaRoutes } from '@vigevano/protocol';
import { recordAudit, userActor } from '../audit/audit-log';
import { currentUser, requireUser } from '../auth/guard';
import { requireUserOrDevice } from '../auth/user-or-device';
import { ApiFailure } from '../http/api-failure';
import type { Store } from '../store/database';
import { requireDevice } from '../sync/request';
import { prepareMedia } from './media-check';
import { recordMediaHeld } from './media-held';
import { readMediaFile, storeMedia } from './media-store';

/**
 * Twice the largest accepted file: a file somewhat over its cap reaches prepareMedia and is refused with the cap in
 * Italian; a much larger one is cut off by Fastify (413) before it is all read.
 */
const UPLOAD_BODY_LIMIT = 2 * MEDIA_LIMITS.videoMaxBytes;

/**
 * Media of info-screen items: the upload (a raw body, checked by media-check.ts and stored with its renditions in
 * the database), the bytes by id for dashboard users and kiosks, and each kiosk's report of what it holds.
 */
export const mediaPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  // Scoped to this plugin by encapsulation: the raw file arrives as a Buffer, whatever type it declares.
  app.addContentTypeParser(
    [...CONTENT_MEDIA_TYPES, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
  app.post(
    mediaRoutes.upload.path,
    { preHandler: requireUser(store), bodyLimit: UPLOAD_BODY_LIMIT, schema: mediaRoutes.upload.schema },
    async (request) => {
      if (!Buffer.isBuffer(request.body))
        throw new ApiFailure(
          'bad_request',
          'invia il file così com’è nel corpo della richiesta (non come JSON)',
        );
      const prepared = await prepareMedia(request.body);
      const user = currentUser(request);
      // the file and its audit entry commit together (audit/audit-log.ts)
      return store.db.transaction().execute(async (tx) => {
        const media = await storeMedia(tx, prepared, user.id);
        await recordAudit(tx, {
          actor: userActor(user),
          action: 'media.upload',
          target: { type: 'media', id: media.original.id },
          after: media,
        });
        return { media };
      });
    },
  );

  // Signed-in users (and API tokens), and kiosks with their device token.
  app.get(
    mediaRoutes.file.path,
    { preHandler: requireUserOrDevice(store), schema: mediaRoutes.file.schema },
    async (request, reply) => {
      const file = await readMediaFile(store.db, request.params.fileId);
      // an id always names the same bytes (media_files rows are never updated): cached for good
      return reply
        .type(file.mediaType)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${file.sha256}"`)
        .send(file.bytes);
    },
  );

  app.put(
    mediaRoutes.held.path,
    { onRequest: requireDevice(store.db), schema: mediaRoutes.held.schema },
    async (request) => {
      const device = request.device;
      if (!device) throw new ApiFailure('unauthorized', 'device bearer token required');
      await recordMediaHeld(store.db, device.deviceId, request.body);
      return { ok: true as const };
    },
  );
};
