import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CONTENT_FALLBACK_ORDER,
  CONTENT_UPLOAD_MAX_BODY,
  contentAdminRoutes,
  type Hub,
  missingLanguages,
} from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import { recordAudit, userActor } from '../audit/audit-log';
import { currentUser, requireUser } from '../auth/guard';
import { requireUserOrDevice } from '../auth/user-or-device';
import type { Store } from '../store/database';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { readImage, storeImage } from './content-images';
import {
  createContent,
  deleteContent,
  existing,
  listContent,
  publishContent,
  updateContent,
} from './content-store';
import { contentWeekOf } from './content-week';

/** Info-screen content: the admin and coordinators write it; every signed-in user may see its images. */
export const contentPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const editors = { preHandler: requireUser(store) };
  const routes = contentAdminRoutes;
  app.get(routes.list.path, { ...editors, schema: routes.list.schema }, async () => {
    const items = await listContent(store.db);
    return {
      items,
      hubs: (await listDocuments<Hub>(store.db, 'hubs'))
        .map((h) => ({ id: h.id, name: h.name, ...(h.archived ? { archived: true } : {}) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'it')),
      fallbackOrder: [...CONTENT_FALLBACK_ORDER],
      missingLanguages: Object.fromEntries(items.map((c) => [c.id, missingLanguages(c.title, c.body)])),
    };
  });
  app.get(routes.week.path, { ...editors, schema: routes.week.schema }, async (request) =>
    contentWeekOf(store.db, request.query.deviceId, request.query.at ?? Date.now()),
  );
  // Each change and its audit entry commit together (audit/audit-log.ts).
  const audited = <T>(work: (tx: Transaction<Database>) => Promise<T>) =>
    store.db.transaction().execute(work);
  const target = (id: string) => ({ type: 'content', id });
  app.post(routes.create.path, { ...editors, schema: routes.create.schema }, async (request) =>
    audited(async (tx) => {
      const item = await createContent(tx, request.body);
      await recordAudit(tx, {
        actor: userActor(currentUser(request)),
        action: 'content.create',
        target: target(item.id),
        after: item,
      });
      return { item };
    }),
  );
  app.put(routes.update.path, { ...editors, schema: routes.update.schema }, async (request) =>
    audited(async (tx) => {
      const before = await existing(tx, request.params.contentId);
      const item = await updateContent(tx, request.params.contentId, request.body);
      await recordAudit(tx, {
        actor: userActor(currentUser(request)),
        action: 'content.update',
        target: target(item.id),
        before,
        after: item,
      });
      return { item };
    }),
  );
  app.post(routes.publish.path, { ...editors, schema: routes.publish.schema }, async (request) =>
    audited(async (tx) => {
      const before = await existing(tx, request.params.contentId);
      const item = await publishContent(tx, request.params.contentId, request.body.published);
      await recordAudit(tx, {
        actor: userActor(currentUser(request)),
        action: item.published ? 'content.publish' : 'content.unpublish',
        target: target(item.id),
        before: { published: before.published },
        after: { published: item.published },
      });
      return { item };
    }),
  );
  app.delete(routes.remove.path, { ...editors, schema: routes.remove.schema }, async (request) =>
    audited(async (tx) => {
      const before = await existing(tx, request.params.contentId);
      await deleteContent(tx, request.params.contentId);
      await recordAudit(tx, {
        actor: userActor(currentUser(request)),
        action: 'content.delete',
        target: target(before.id),
        before,
      });
      return { ok: true as const };
    }),
  );
  app.post(
    routes.uploadImage.path,
    // base64 of a 1 MiB image is about 1.4 MB: this route alone takes bodies up to 2 MB
    { ...editors, bodyLimit: CONTENT_UPLOAD_MAX_BODY + 1024, schema: routes.uploadImage.schema },
    async (request) =>
      audited(async (tx) => {
        const user = currentUser(request);
        const stored = await storeImage(tx, request.body.mediaType, request.body.dataBase64, user.id);
        await recordAudit(tx, {
          actor: userActor(user),
          action: 'content_image.upload',
          target: { type: 'content_image', id: stored.image.id },
          after: { ...stored.image, size: stored.size },
        });
        return stored;
      }),
  );
  // Signed-in users (and API tokens), and kiosks with their device token (the bytes of an image a content
  // document names).
  app.get(
    routes.image.path,
    { preHandler: requireUserOrDevice(store), schema: routes.image.schema },
    async (request, reply) => {
      const image = await readImage(store.db, request.params.imageId);
      return reply
        .type(image.mediaType)
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('etag', `"${image.sha256}"`)
        .send(image.bytes);
    },
  );
};
