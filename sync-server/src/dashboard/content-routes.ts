import {
  CONTENT_UPLOAD_MAX_BODY,
  ContentInput,
  contentAdminRoutes,
  ImageUpload,
  PublishRequest,
  ULID_PATTERN,
} from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { currentUser, requireUser } from '../auth/guard';
import { authenticateDevice } from '../devices/enrolment';
import type { Store } from '../store/database';
import { listDocuments } from '../store/documents';
import { readImage, storeImage } from './content-images';
import { createContent, deleteContent, listContent, publishContent, updateContent } from './content-store';

const params = (name: string) =>
  ({
    type: 'object',
    properties: { [name]: { type: 'string', pattern: ULID_PATTERN } },
    required: [name],
  }) as const;

/** Info-screen content: the admin and coordinators write it; every signed-in user may see its images. */
export const contentPlugin: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const editors = { preHandler: requireUser(store) };
  app.get(contentAdminRoutes.list.path, editors, async () => ({
    items: await listContent(store.db),
    hubs: (await listDocuments<{ id: string; name: string }>(store.db, 'hubs'))
      .map((h) => ({ id: h.id, name: h.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it')),
  }));
  app.post<{ Body: ContentInput }>(
    contentAdminRoutes.create.path,
    { ...editors, schema: { body: ContentInput } },
    async (request) => ({
      item: await createContent(store.db, request.body),
    }),
  );
  app.put<{ Body: ContentInput; Params: { contentId: string } }>(
    contentAdminRoutes.update.path,
    { ...editors, schema: { body: ContentInput, params: params('contentId') } },
    async (request) => ({ item: await updateContent(store.db, request.params.contentId, request.body) }),
  );
  app.post<{ Body: PublishRequest; Params: { contentId: string } }>(
    contentAdminRoutes.publish.path,
    { ...editors, schema: { body: PublishRequest, params: params('contentId') } },
    async (request) => ({
      item: await publishContent(store.db, request.params.contentId, request.body.published),
    }),
  );
  app.delete<{ Params: { contentId: string } }>(
    contentAdminRoutes.remove.path,
    { ...editors, schema: { params: params('contentId') } },
    async (request) => {
      await deleteContent(store.db, request.params.contentId);
      return { ok: true };
    },
  );
  app.post<{ Body: ImageUpload }>(
    contentAdminRoutes.uploadImage.path,
    // base64 of a 1 MiB image is about 1.4 MB: this route alone takes bodies up to 2 MB
    { ...editors, bodyLimit: CONTENT_UPLOAD_MAX_BODY + 1024, schema: { body: ImageUpload } },
    async (request) =>
      storeImage(store.db, request.body.mediaType, request.body.dataBase64, currentUser(request).id),
  );
  // Signed-in users, and kiosks with their device token (the bytes of an image a content document names).
  const userOrDevice = requireUser(store);
  app.get<{ Params: { imageId: string } }>(
    contentAdminRoutes.image.path,
    {
      preHandler: async (request, reply) => {
        const bearer = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '')?.[1];
        if (bearer) await authenticateDevice(store.db, bearer);
        else await userOrDevice(request, reply);
      },
      schema: { params: params('imageId') },
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
