import { healthRoutes, Readiness } from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';

/**
 * /health: the process answers (liveness: restart it if not). /ready: it can take traffic (load balancers and
 * `npm start` wait for it): 200, or 503 with every reason it cannot (observability/readiness.ts).
 */
export const healthPlugin: FastifyPluginAsync<{ ready: () => Promise<Readiness> }> = async (
  app,
  { ready },
) => {
  app.get(healthRoutes.health.path, async () => ({ status: 'ok' }));
  app.get(
    healthRoutes.ready.path,
    { schema: { response: { 200: Readiness, 503: Readiness } } },
    async (_request, reply) => {
      const answer = await ready();
      return reply.status(answer.status === 'ready' ? 200 : 503).send(answer);
    },
  );
};
