import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { seededRandom } from './random.ts';

/**
 * A fault-injecting HTTP proxy on 127.0.0.1, for reliability tests that put a bad network between kiosks and the
 * server. Unlike a TCP relay it understands requests, so each fault lands at a meaningful point:
 *
 * - `drop`: the request is read and the connection closed: the server never sees it.
 * - `delay`: the request waits up to `maxDelayMs` before it is forwarded.
 * - `reset`: the request reaches the server and is answered, then the connection is reset: the server did the work
 *   but the client never hears of it (the case that makes a retry a duplicate).
 * - `duplicate`: the request is sent to the server twice at once; the client gets one of the answers.
 * - `truncate`: the answer's status and headers go back, then only part of its body, then the connection closes.
 *
 * Faults are drawn from a seeded generator (the same seed gives the same sequence of decisions for the same order
 * of requests) and counted, so a test can prove the faults happened. A streaming answer (Server-Sent Events) is
 * relayed as it comes; `truncate` and `reset` cut it after a random moment instead. When the server cannot be
 * reached the proxy answers 502, like a real reverse proxy.
 */
export const FAULTS = ['drop', 'delay', 'reset', 'duplicate', 'truncate'] as const;
export type Fault = (typeof FAULTS)[number];
export type FaultRates = Partial<Record<Fault, number>>;

export interface FaultProxyOptions {
  /** where requests go, e.g. http://127.0.0.1:4400 */
  target: string;
  seed: number;
  /** probability of each fault per request (checked in the order of FAULTS; at most one fault per request) */
  rates?: FaultRates;
  maxDelayMs?: number;
  /** longest time a cut stream lives before the cut (default 2 s) */
  maxStreamLifeMs?: number;
}

export interface FaultCounts extends Record<Fault, number> {
  /** requests the proxy received */
  requests: number;
  /** answers relayed whole to the client */
  relayed: number;
  /** requests the server could not be reached for (answered 502) */
  upstreamFailed: number;
}

export interface FaultProxy {
  url: string;
  counts(): FaultCounts;
  /** changes the fault rates from now on, e.g. `{}` to let a test converge on a healthy network */
  setRates(rates: FaultRates): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function forwardHeaders(headers: IncomingHttpHeaders, host: string): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) out[name] = value;
  out.host = host;
  return out;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  /** whole body (undefined for a stream, which is in `stream`) */
  body?: Buffer;
  stream?: IncomingMessage;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('aborted', () => reject(new Error('upstream aborted')));
  });
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed);
  let rates: FaultRates = { ...options.rates };
  const maxDelayMs = options.maxDelayMs ?? 300;
  const maxStreamLifeMs = options.maxStreamLifeMs ?? 2_000;
  const counts: FaultCounts = {
    drop: 0,
    delay: 0,
    reset: 0,
    duplicate: 0,
    truncate: 0,
    requests: 0,
    relayed: 0,
    upstreamFailed: 0,
  };
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const upstreamStreams = new Set<IncomingMessage>();

  const later = (ms: number, work: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      work();
    }, ms);
    timers.add(timer);
  };

  const pickFault = (): Fault | undefined => {
    for (const fault of FAULTS) {
      const rate = rates[fault] ?? 0;
      if (rate > 0 && random() < rate) return fault;
    }
    return undefined;
  };

  const send = (req: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: forwardHeaders(req.headers, target.host),
          agent,
        },
        (res) => {
          const streaming = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
          if (streaming) {
            upstreamStreams.add(res);
            res.once('close', () => upstreamStreams.delete(res));
            resolve({ status: res.statusCode ?? 502, headers: res.headers, stream: res });
            return;
          }
          readAll(res).then(
            (all) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: all }),
            reject,
          );
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const relay = (res: ServerResponse, answer: Upstream, fault: Fault | undefined) => {
    const headers = { ...answer.headers };
    for (const name of Object.keys(headers)) if (HOP_BY_HOP.has(name)) delete headers[name];
    if (answer.stream) {
      res.writeHead(answer.status, headers);
      answer.stream.pipe(res);
      res.once('close', () => answer.stream?.destroy());
      if (fault === 'truncate' || fault === 'reset')
        later(random() * maxStreamLifeMs, () => {
          res.socket?.destroy();
          answer.stream?.destroy();
        });
      return;
    }
    const body = answer.body ?? Buffer.alloc(0);
    if (fault === 'reset') {
      res.socket?.destroy();
      return;
    }
    if (fault === 'truncate') {
      // The full length is announced and only part of the body follows: the client must notice.
      res.writeHead(answer.status, { ...headers, 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length * random())));
      later(10, () => res.socket?.destroy());
      return;
    }
    res.writeHead(answer.status, { ...headers, 'content-length': String(body.length) });
    res.end(body);
    counts.relayed += 1;
  };

  const server = createServer((req, res) => {
    counts.requests += 1;
    const fault = pickFault();
    if (fault) counts[fault] += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      const go = async () => {
        try {
          let answer: Upstream;
          if (fault === 'duplicate') {
            const both = await Promise.allSettled([send(req, body), send(req, body)]);
            const ok = both.filter((b): b is PromiseFulfilledResult<Upstream> => b.status === 'fulfilled');
            for (const b of ok.slice(1)) b.value.stream?.destroy();
            if (!ok[0]) throw (both[0] as PromiseRejectedResult).reason;
            answer = ok[0].value;
          } else answer = await send(req, body);
          if (res.destroyed) {
            answer.stream?.destroy();
            return;
          }
          relay(res, answer, fault);
        } catch (error) {
          counts.upstreamFailed += 1;
          if (res.headersSent || res.destroyed) {
            res.destroy();
            return;
          }
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              error: {
                code: 'internal',
                message: `fault proxy: upstream failed (${(error as Error).message})`,
              },
            }),
          );
        }
      };
      if (fault === 'delay') later(random() * maxDelayMs, () => void go());
      else void go();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('fault proxy: no address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    counts: () => ({ ...counts }),
    setRates: (next) => {
      rates = { ...next };
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of upstreamStreams) s.destroy();
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
