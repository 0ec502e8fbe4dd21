import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditRoutes } from '@vigevano/protocol';
import { requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import { auditPage } from './audit-query';

/** The audit log page's data: the admin's only (ACCESS 'registro-attivita'); read-only, the log is append-only. */
export const auditPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get(
    auditRoutes.list.path,
    { preHandler: requireUser(store), schema: auditRoutes.list.schema },
    async (request) => auditPage(store.db, request.query),
  );
};
