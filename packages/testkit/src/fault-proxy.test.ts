import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fault, type FaultRates, startFaultProxy } from './fault-proxy.ts';
import { freePort } from './ports.ts';
import { seededRandom } from './random.ts';

// The proxy itself must be right, or every reliability test built on it proves nothing: each fault does what it
// says at the point it says, and the counts match what the server really saw.

let upstream: Server;
let upstreamUrl: string;
let seen = 0;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen += 1;
      if (req.url === '/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: ready\ndata: {}\n\n');
        const timer = setInterval(() => res.write(': ping\n\n'), 20);
        res.on('close', () => clearInterval(timer));
        return;
      }
      const body = JSON.stringify({ echo: Buffer.concat(chunks).toString(), pad: 'x'.repeat(2000) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const address = upstream.address();
  upstreamUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
});

async function outcome(url: string, body = 'hello'): Promise<'ok' | 'failed' | number> {
  try {
    const res = await fetch(url, { method: 'POST', body });
    const text = await res.text();
    if (res.status !== 200) return res.status;
    return JSON.parse(text).echo === body ? 'ok' : 'failed';
  } catch {
    return 'failed';
  }
}

async function withProxy<T>(rates: FaultRates, work: (url: string) => Promise<T>, seed = 1): Promise<T> {
  const proxy = await startFaultProxy({ target: upstreamUrl, seed, rates, maxDelayMs: 30 });
  try {
    return await work(proxy.url);
  } finally {
    await proxy.close();
  }
}

describe('fault proxy', () => {
  it('relays requests whole when no fault is asked for', async () => {
    const proxy = await startFaultProxy({ target: upstreamUrl, seed: 1 });
    const before = seen;
    expect(await outcome(`${proxy.url}/x`, 'ciao')).toBe('ok');
    expect(seen - before).toBe(1);
    expect(proxy.counts()).toMatchObject({ requests: 1, relayed: 1, drop: 0 });
    await proxy.close();
  });

  const cases: Array<[Fault, 'ok' | 'failed', number]> = [
    ['drop', 'failed', 0],
    ['reset', 'failed', 1],
    ['duplicate', 'ok', 2],
    ['truncate', 'failed', 1],
    ['delay', 'ok', 1],
  ];
  for (const [fault, expected, serverSaw] of cases)
    it(`${fault}: the client sees "${expected}", the server saw the request ${serverSaw} time(s)`, async () => {
      await withProxy({ [fault]: 1 }, async (url) => {
        const before = seen;
        expect(await outcome(`${url}/x`)).toBe(expected);
        // a duplicate's second copy may land a moment after the answer
        await new Promise((r) => setTimeout(r, 50));
        expect(seen - before).toBe(serverSaw);
      });
    });

  it('counts what it did, and the same seed draws the same faults', async () => {
    const rates = { drop: 0.2, reset: 0.2, duplicate: 0.2, truncate: 0.2 };
    const run = (seed: number) =>
      withProxy(
        rates,
        async (url) => {
          const outcomes: Array<string | number> = [];
          for (let i = 0; i < 40; i++) outcomes.push(await outcome(`${url}/x`));
          return outcomes;
        },
        seed,
      );
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.filter((o) => o === 'failed').length).toBeGreaterThan(5);
    expect(a.filter((o) => o === 'ok').length).toBeGreaterThan(5);

    const proxy = await startFaultProxy({ target: upstreamUrl, seed: 3, rates });
    for (let i = 0; i < 50; i++) await outcome(`${proxy.url}/x`);
    const counts = proxy.counts();
    await proxy.close();
    expect(counts.requests).toBe(50);
    expect(counts.drop + counts.reset + counts.duplicate + counts.truncate + counts.relayed).toBe(
      50 + counts.duplicate,
    );
  });

  it('answers 502 when the server is down', async () => {
    const port = await freePort();
    const proxy = await startFaultProxy({ target: `http://127.0.0.1:${port}`, seed: 1 });
    expect(await outcome(`${proxy.url}/x`)).toBe(502);
    expect(proxy.counts().upstreamFailed).toBe(1);
    await proxy.close();
  });

  it('relays a live stream as it comes, and cuts it when asked', async () => {
    for (const [rates, cut] of [
      [{}, false],
      [{ reset: 1 }, true],
    ] as const) {
      const proxy = await startFaultProxy({ target: upstreamUrl, seed: 1, rates, maxStreamLifeMs: 200 });
      const controller = new AbortController();
      const res = await fetch(`${proxy.url}/stream`, { signal: controller.signal });
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      let text = '';
      let ended = false;
      const deadline = setTimeout(() => controller.abort(), 600);
      try {
        for await (const chunk of res.body as AsyncIterable<Uint8Array>)
          text += Buffer.from(chunk).toString();
        ended = true;
      } catch {
        ended = !controller.signal.aborted;
      }
      clearTimeout(deadline);
      expect(text).toContain('event: ready');
      expect(ended).toBe(cut);
      await proxy.close();
    }
  });

  it('draws numbers in [0, 1) from a seed, the same for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});
