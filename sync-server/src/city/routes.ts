import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cityRoutes } from '@vigevano/protocol';
import { currentUser, requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import { cityOverview } from './overview';

export const cityPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get(
    cityRoutes.overview.path,
    { schema: cityRoutes.overview.schema, preHandler: requireUser(store) },
    async (request) => cityOverview(store.db, currentUser(request)),
  );
};
