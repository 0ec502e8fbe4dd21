import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { playsReportRoutes } from '@vigevano/protocol';
import { currentUser, requireUser } from '../auth/guard';
import { playsReport } from '../reports/queries/plays';
import type { Store } from '../store/database';

/** Proof of play (issue 17, item 6): read only. Who may call it: packages/protocol ACCESS ('riproduzioni'). */
export const playsPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const route = playsReportRoutes.report;
  app.get(route.path, { preHandler: requireUser(store), schema: route.schema }, async (request) =>
    playsReport(store.db, currentUser(request), request.query),
  );
};
