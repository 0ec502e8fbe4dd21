import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { planningRoutes } from '@vigevano/protocol';
import { currentUser, requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import {
  cancelSession,
  createSeries,
  createSession,
  moveSession,
  planningOverview,
  previewSeries,
  replanSeries,
} from './planning-store';

/** Planning sessions and series from the dashboard: the admin, coordinators, hub leads at their hubs (ACCESS). */
export const planningPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const guard = { preHandler: requireUser(store) };
  const r = planningRoutes;
  app.get(r.overview.path, { ...guard, schema: r.overview.schema }, async (request) =>
    planningOverview(store.db, currentUser(request)),
  );
  app.post(r.preview.path, { ...guard, schema: r.preview.schema }, async (request) =>
    previewSeries(store.db, request.body, currentUser(request)),
  );
  app.post(r.createSeries.path, { ...guard, schema: r.createSeries.schema }, async (request) =>
    createSeries(store.db, request.body, currentUser(request)),
  );
  app.put(r.updateSeries.path, { ...guard, schema: r.updateSeries.schema }, async (request) =>
    replanSeries(store.db, request.params.seriesId, request.body, currentUser(request)),
  );
  app.post(r.createSession.path, { ...guard, schema: r.createSession.schema }, async (request) => ({
    session: await createSession(store.db, request.body, currentUser(request)),
  }));
  app.put(r.moveSession.path, { ...guard, schema: r.moveSession.schema }, async (request) => ({
    session: await moveSession(store.db, request.params.sessionId, request.body, currentUser(request)),
  }));
  app.post(r.cancelSession.path, { ...guard, schema: r.cancelSession.schema }, async (request) => ({
    session: await cancelSession(store.db, request.params.sessionId, currentUser(request)),
  }));
};
