import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { apiError, KIOSK_CSP, KIOSK_SECRET_META, type KioskState, kioskRoutes } from '@vigevano/protocol';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { foreignHostMessage, isOwnHost } from './host-guard';
import { type MediaFileLookup, registerMediaRoute } from './media/media-route';

export class NotReady extends Error {
  override name = 'NotReady';
}

export interface KioskHttpOptions {
  uiDir: string;
  /** the per-launch secret written into the served page for the kiosk API */
  secret: string;
  state: () => Promise<KioskState>;
  /** the printable sheet of a card, for a facilitator's token; undefined when the token or the card is not valid */
  cardSheet?: (cardId: string, token: string) => Promise<string | undefined>;
  /** a session's attendance register (PDF), for a facilitator's token; undefined when either is not valid */
  sessionRegister?: (sessionId: string, token: string) => Promise<Buffer | undefined>;
  /** the media files the kiosk holds for its info screens (media/media-store.ts), served at /media/:fileId */
  mediaFile?: MediaFileLookup;
  logger?: boolean | { level: string };
}

/** The hub service's HTTP side on 127.0.0.1: the kiosk UI (with the API secret in it) and a read-only state. */
export async function buildKioskHttp({
  uiDir,
  secret,
  state,
  cardSheet,
  sessionRegister,
  mediaFile,
  logger = true,
}: KioskHttpOptions): Promise<FastifyInstance> {
  // The UI polls and subscribes all day: logging each request would bury what matters.
  const app = Fastify({ logger, logController: new LogController({ disableRequestLogging: true }) });
  // First of all hooks: a request addressed to another host name is a DNS-rebinding page (host-guard.ts).
  app.addHook('onRequest', async (request, reply) => {
    if (isOwnHost(request.headers.host, request.raw.socket.localPort)) return;
    request.log.warn({ host: request.headers.host }, 'request with a foreign Host refused');
    return reply.status(403).send(apiError('forbidden', foreignHostMessage(request.headers.host)));
  });
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', KIOSK_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(apiError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );

  app.get('/health', async () => ({ status: 'ok' }));
  app.get(kioskRoutes.state.path, async (_request, reply) => {
    try {
      return await state();
    } catch (error) {
      if (error instanceof NotReady) return reply.status(503).send(apiError('internal', error.message));
      throw error;
    }
  });

  if (mediaFile) registerMediaRoute(app, mediaFile);

  // A card sheet to preview and print: its own page (inline styles, no scripts), for a facilitator only.
  app.get<{ Params: { cardId: string }; Querystring: { t?: string } }>(
    '/print/card/:cardId',
    async (request, reply) => {
      const html = cardSheet ? await cardSheet(request.params.cardId, request.query.t ?? '') : undefined;
      if (!html)
        return reply
          .status(403)
          .send(apiError('forbidden', 'modalità facilitatore scaduta o tessera sconosciuta'));
      return reply
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
        )
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );

  // A session's register to print (issue 18): a PDF made from the kiosk's own data, for a facilitator only.
  app.get<{ Params: { sessionId: string }; Querystring: { t?: string } }>(
    '/print/register/:sessionId',
    async (request, reply) => {
      const pdf = sessionRegister
        ? await sessionRegister(request.params.sessionId, request.query.t ?? '')
        : undefined;
      if (!pdf)
        return reply
          .status(403)
          .send(apiError('forbidden', 'modalità facilitatore scaduta o sessione sconosciuta'));
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `inline; filename="registro-${request.params.sessionId}.pdf"`)
        .type('application/pdf')
        .send(pdf);
    },
  );

  const indexPath = join(uiDir, 'index.html');
  if (!existsSync(indexPath)) {
    app.get('/', async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send("L'interfaccia del totem non è compilata: esegui `npm run build -w apps/kiosk`."),
    );
    return app;
  }
  const page = readFileSync(indexPath, 'utf8').replace(
    '</head>',
    `<meta name="${KIOSK_SECRET_META}" content="${secret}"></head>`,
  );
  const sendPage = (reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  await app.register(fastifyStatic, { root: uiDir, prefix: '/', wildcard: false, index: false });
  app.get('/', async (_request, reply) => sendPage(reply));
  app.get('/*', async (request, reply) =>
    request.url.startsWith('/api/') ? reply.callNotFound() : sendPage(reply),
  );
  return app;
}
