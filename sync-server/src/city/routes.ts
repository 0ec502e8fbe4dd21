import { cityRoutes } from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { currentUser, requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import { cityOverview } from './overview';

export const cityPlugin: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get(cityRoutes.overview.path, { preHandler: requireUser(store) }, async (request) =>
    cityOverview(store.db, currentUser(request)),
  );
};
