import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/**
 * Serves the built dashboard (apps/dashboard/dist) at /, with index.html for its client-side routes. If it has
 * not been built, / says how to build it instead of a bare 404.
 */
export const dashboardPlugin: FastifyPluginAsync<{ dashboardDir: string }> = async (
  app,
  { dashboardDir },
) => {
  if (!existsSync(join(dashboardDir, 'index.html'))) {
    app.log.warn({ dashboardDir }, 'dashboard not built');
    app.get('/', async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Il cruscotto non è compilato: esegui `npm run build -w apps/dashboard` (o `npm start`).'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: dashboardDir, prefix: '/', wildcard: false });
  // Client-side routes (/attendance, /devices…) get the app shell; unknown API paths still get a JSON 404.
  app.get('/*', async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/sync/')) {
      return reply.callNotFound();
    }
    return reply.sendFile('index.html');
  });
};
