import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { apiError, kioskRoutes } from '@vigevano/protocol';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildKioskState } from './kiosk-state';
import type { SnapshotSync } from './sync-loop';

/** The UI may load only from the hub service itself: no remote scripts, styles, frames or connections. */
export const KIOSK_CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export interface KioskHttpOptions {
  sync: SnapshotSync;
  uiDir: string;
  now?: () => number;
  logger?: boolean | { level: string };
}

/** The hub service's HTTP side on 127.0.0.1: the kiosk UI and its API. */
export async function buildKioskHttp({
  sync,
  uiDir,
  now = Date.now,
  logger = true,
}: KioskHttpOptions): Promise<FastifyInstance> {
  // The UI polls its state every few seconds: logging each request would bury what matters.
  const app = Fastify({ logger, disableRequestLogging: true });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', KIOSK_CSP);
    reply.header('x-content-type-options', 'nosniff');
  });

  app.get(kioskRoutes.state.path, async (_request, reply) => {
    if (!sync.snapshot)
      return reply
        .status(503)
        .send(
          apiError(
            'internal',
            'Il totem non ha ancora ricevuto i dati del suo hub: collegalo alla rete almeno una volta.',
          ),
        );
    return buildKioskState(sync.snapshot, sync.status, now());
  });

  if (existsSync(join(uiDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: uiDir, prefix: '/', wildcard: false });
    app.get('/*', async (request, reply) =>
      request.url.startsWith('/api/') ? reply.callNotFound() : reply.sendFile('index.html'),
    );
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send("L'interfaccia del totem non è compilata: esegui `npm run build -w apps/kiosk`."),
    );
  }
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(apiError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  return app;
}
