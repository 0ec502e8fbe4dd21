import type { FastifyReply } from 'fastify';

/** Open event streams, ended when the server closes (an open response would hold shutdown up). */
const open = new Set<() => void>();

export function closeDashboardStreams(): void {
  for (const close of [...open]) close();
}

/**
 * A Server-Sent Events response: `send(event, data)`, a comment every 20 s so proxies keep it open, and
 * `onClose` when the browser goes away or the server shuts down.
 */
export function openEventStream(
  reply: FastifyReply,
  onClose: () => void,
): { send: (event: string, data: unknown) => void } {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  let closed = false;
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), 20_000);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    open.delete(close);
    onClose();
    raw.end();
  };
  open.add(close);
  raw.on('close', close);
  return {
    send: (event, data) => {
      if (!closed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
  };
}
