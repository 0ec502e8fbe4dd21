import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';

/** A hook that authenticates a request from its headers alone (session cookie, device bearer token). */
export type AuthenticationHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

const authenticationHooks = new WeakSet<AuthenticationHook>();

/** Marks `hook` as an authentication check, so installAuthFirst runs it before the body is read. */
export function authenticationHook(hook: AuthenticationHook): AuthenticationHook {
  authenticationHooks.add(hook);
  return hook;
}

type HookOption = unknown;

function asList(hooks: HookOption): unknown[] {
  if (hooks === undefined || hooks === null) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

/**
 * Authentication before any body is read, on every route. Fastify reads and parses the body between its onRequest
 * and preValidation hooks, so a guard declared as preValidation or preHandler lets a stranger make the server read
 * (and buffer, up to the route's bodyLimit) whatever they send before being refused. This moves every hook marked
 * with authenticationHook from those two phases to the front of the route's onRequest hooks, wherever the route is
 * declared (a route file written with `preHandler: requireUser(...)` is safe too). Install before any route.
 *
 * A refusal sent before the whole body has arrived closes the connection: otherwise Node reads and discards the
 * rest of the body to keep the connection alive, and a stranger could keep streaming into the server.
 *
 * Node answers an HTTP Upgrade with no 'upgrade' listener as a plain request; the server speaks no WebSocket, so an
 * upgrade on any path is answered 404 and its socket closed rather than left to a route.
 */
export function installAuthFirst(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const early: unknown[] = [];
    for (const phase of ['preValidation', 'preHandler'] as const) {
      const hooks = asList(route[phase]);
      const guards = hooks.filter((h) => authenticationHooks.has(h as AuthenticationHook));
      if (guards.length === 0) continue;
      early.push(...guards);
      const rest = hooks.filter((h) => !guards.includes(h));
      // biome-ignore lint/suspicious/noExplicitAny: Fastify types each phase's hook list separately
      (route as any)[phase] = rest.length > 0 ? rest : undefined;
    }
    if (early.length > 0)
      route.onRequest = [...early, ...asList(route.onRequest)] as onRequestAsyncHookHandler[];
  });
  app.addHook('onSend', async (request, reply) => {
    if (reply.statusCode >= 400 && !request.raw.complete) reply.header('connection', 'close');
  });
  app.server.on('upgrade', (_request, socket) => {
    // a client that resets first must not raise an unhandled socket error
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}
