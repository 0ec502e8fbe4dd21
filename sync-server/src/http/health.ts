import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { healthRoutes, type Readiness } from '@vigevano/protocol';

/**
 * /health: the process answers (liveness: restart it if not). /ready: it can take traffic (load balancers and
 * `npm start` wait for it): 200, or 503 with every reason it cannot (observability/readiness.ts).
 */
export const healthPlugin: FastifyPluginAsyncTypebox<{ ready: () => Promise<Readiness> }> = async (
  app,
  { ready },
) => {
  app.get(healthRoutes.health.path, { schema: healthRoutes.health.schema }, async () => ({
    status: 'ok' as const,
  }));
  app.get(healthRoutes.ready.path, { schema: healthRoutes.ready.schema }, async (_request, reply) => {
    const answer = await ready();
    return reply.status(answer.status === 'ready' ? 200 : 503).send(answer);
  });
};
