import type { FastifyReply } from 'fastify';

/** One open Server-Sent Events response. */
export interface EventStream {
  /** writes one event (`event:` and one `data:` line of JSON); ignored once closed */
  send(event: string, data: unknown): void;
  /** ends the response (idempotent); `onClose` runs once, whoever closes first */
  close(): void;
}

export interface EventStreamOptions {
  /** milliseconds between heartbeat comments (`: ping`); keep well under proxies' read timeouts (nginx: 60 s) */
  heartbeatMs: number;
  /** runs once when the stream ends: the client went away, the server closed it, or `close()` */
  onClose?: () => void;
}

/**
 * Headers that keep a long-lived response flowing through intermediaries: `X-Accel-Buffering: no` turns off
 * nginx's response buffering for this response (with it on, nginx holds small events until its buffer fills),
 * and `no-transform` forbids proxies to compress or rewrite it (a compressing proxy buffers too). See the
 * WHATWG HTML standard, "Server-sent events", and nginx's ngx_http_proxy_module (X-Accel-Buffering).
 */
const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
  'x-content-type-options': 'nosniff',
} as const;

/**
 * Turns a Fastify reply into a Server-Sent Events stream (the sync streams of kiosks and the dashboard's live
 * views share it): sends the headers at once, a heartbeat comment every `heartbeatMs` so proxies keep the
 * connection open and the client can tell a live but quiet stream from a dead one, and ends cleanly.
 */
export function openEventStream(reply: FastifyReply, options: EventStreamOptions): EventStream {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, EVENT_STREAM_HEADERS);
  // Headers go out now, not with the first event: a client (or a proxy) waits for them to call the stream open.
  raw.flushHeaders();
  let closed = false;
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), options.heartbeatMs);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    options.onClose?.();
    raw.end();
  };
  raw.on('close', close);
  return {
    send: (event, data) => {
      if (!closed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close,
  };
}

/**
 * The open event streams of one server instance (the dashboard's live views), so that shutdown can end them: an
 * open response would hold `app.close()` up.
 */
export class EventStreams {
  private readonly streams = new Set<EventStream>();

  /** Opens a stream on `reply` (see `openEventStream`), tracked until it closes. */
  open(reply: FastifyReply, options: EventStreamOptions): EventStream {
    const stream = openEventStream(reply, {
      ...options,
      onClose: () => {
        this.streams.delete(stream);
        options.onClose?.();
      },
    });
    this.streams.add(stream);
    return stream;
  }

  /** how many are open */
  get size(): number {
    return this.streams.size;
  }

  closeAll(): void {
    for (const stream of [...this.streams]) stream.close();
  }
}
