import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { healthRoutes } from '@vigevano/protocol';
import { sql } from 'kysely';
import type { Store } from '../store/database';

/** /health: the process answers. /ready: the store answers too (load balancers and `npm start` wait for it). */
export const healthPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get(healthRoutes.health.path, { schema: healthRoutes.health.schema }, async () => ({ status: 'ok' }));
  app.get(healthRoutes.ready.path, { schema: healthRoutes.ready.schema }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(store.db);
      return { status: 'ready', store: store.kind };
    } catch (error) {
      return reply.status(503).send({ status: 'unavailable', reason: (error as Error).message });
    }
  });
};
