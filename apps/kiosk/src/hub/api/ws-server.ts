import { timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { createKioskRouter, KIOSK_API_PATH, type KioskHandlers } from '@vigevano/protocol';
import { WebSocketServer } from 'ws';
import { isOwnHost } from '../host-guard';

function sameSecret(given: unknown, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The kiosk API over a WebSocket at /api/ws on the hub service's own HTTP server. Three locks: an upgrade whose
 * Host is not this machine's loopback address is refused (DNS rebinding), a browser page from another origin is
 * refused at the upgrade (WebSockets ignore CORS, so we check Origin ourselves), and every call needs the
 * per-launch secret that only the page served by the hub service (or Electron's preload) knows.
 */
export function attachKioskApi(
  server: Server,
  handlers: KioskHandlers,
  options: { secret: string; allowedOrigins: () => string[] },
): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== KIOSK_API_PATH) return;
    // DNS rebinding (host-guard.ts): a page under another host name reaching 127.0.0.1 is refused here too.
    if (!isOwnHost(request.headers.host, request.socket.localPort)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !options.allowedOrigins().includes(origin)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  const handler = applyWSSHandler({
    wss,
    router: createKioskRouter(handlers),
    createContext: ({ info }) => ({ authorized: sameSecret(info.connectionParams?.secret, options.secret) }),
    keepAlive: { enabled: true, pingMs: 15_000, pongWaitMs: 5_000 },
  });
  return {
    close: async () => {
      handler.broadcastReconnectNotification();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
