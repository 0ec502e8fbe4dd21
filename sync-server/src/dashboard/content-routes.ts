import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { API_TOKEN_PREFIX, CONTENT_UPLOAD_MAX_BODY, contentAdminRoutes } from '@vigevano/protocol';
import { currentUser, requireUser } from '../auth/guard';
import { authenticateDevice } from '../devices/enrolment';
import type { Store } from '../store/database';
import { listDocuments } from '../store/documents';
import { readImage, storeImage } from './content-images';
import { createContent, deleteContent, listContent, publishContent, updateContent } from './content-store';

/** Info-screen content: the admin and coordinators write it; every signed-in user may see its images. */
export const contentPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const editors = { preHandler: requireUser(store) };
  const routes = contentAdminRoutes;
  app.get(routes.list.path, { ...editors, schema: routes.list.schema }, async () => ({
    items: await listContent(store.db),
    hubs: (await listDocuments<{ id: string; name: string }>(store.db, 'hubs'))
      .map((h) => ({ id: h.id, name: h.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it')),
  }));
  app.post(routes.create.path, { ...editors, schema: routes.create.schema }, async (request) => ({
    item: await createContent(store.db, request.body),
  }));
  app.put(routes.update.path, { ...editors, schema: routes.update.schema }, async (request) => ({
    item: await updateContent(store.db, request.params.contentId, request.body),
  }));
  app.post(routes.publish.path, { ...editors, schema: routes.publish.schema }, async (request) => ({
    item: await publishContent(store.db, request.params.contentId, request.body.published),
  }));
  app.delete(routes.remove.path, { ...editors, schema: routes.remove.schema }, async (request) => {
    await deleteContent(store.db, request.params.contentId);
    return { ok: true as const };
  });
  app.post(
    routes.uploadImage.path,
    // base64 of a 1 MiB image is about 1.4 MB: this route alone takes bodies up to 2 MB
    { ...editors, bodyLimit: CONTENT_UPLOAD_MAX_BODY + 1024, schema: routes.uploadImage.schema },
    async (request) =>
      storeImage(store.db, request.body.mediaType, request.body.dataBase64, currentUser(request).id),
  );
  // Signed-in users (and API tokens), and kiosks with their device token (the bytes of an image a content
  // document names).
  const userOrDevice = requireUser(store);
  app.get(
    routes.image.path,
    {
      preHandler: async (request, reply) => {
        const bearer = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '')?.[1];
        if (bearer && !bearer.startsWith(API_TOKEN_PREFIX)) await authenticateDevice(store.db, bearer);
        else await userOrDevice(request, reply);
      },
      schema: routes.image.schema,
    },
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
