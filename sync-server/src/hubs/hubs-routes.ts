import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hubAdminRoutes } from '@vigevano/protocol';
import { userActor } from '../audit/audit-log';
import { currentUser, requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import { addArea, removeArea } from './areas';
import { createHub, listHubs, setArchived, updateHub } from './hub-store';

/** The hubs page ("Sedi"): every role reads; the admin and coordinators create, edit, archive (ACCESS). */
export const hubsPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const guard = { preHandler: requireUser(store) };
  const routes = hubAdminRoutes;
  const actor = (request: Parameters<typeof currentUser>[0]) => userActor(currentUser(request));
  app.get(routes.list.path, { ...guard, schema: routes.list.schema }, async () => listHubs(store.db));
  app.post(routes.create.path, { ...guard, schema: routes.create.schema }, async (request) => ({
    hub: await createHub(store.db, request.body, actor(request)),
  }));
  app.put(routes.update.path, { ...guard, schema: routes.update.schema }, async (request) => ({
    hub: await updateHub(store.db, request.params.hubId, request.body, actor(request)),
  }));
  app.post(routes.archive.path, { ...guard, schema: routes.archive.schema }, async (request) => ({
    hub: await setArchived(store.db, request.params.hubId, request.body.archived, actor(request)),
  }));
  app.post(routes.addArea.path, { ...guard, schema: routes.addArea.schema }, async (request) => {
    await addArea(store.db, request.body.name, actor(request));
    return { ok: true as const };
  });
  app.delete(routes.removeArea.path, { ...guard, schema: routes.removeArea.schema }, async (request) => {
    await removeArea(store.db, request.params.name, actor(request));
    return { ok: true as const };
  });
};
