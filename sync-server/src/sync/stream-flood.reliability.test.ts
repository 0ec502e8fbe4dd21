import { syncPath } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STREAMS_PER_DEVICE } from '../config';
import { testStoreKinds } from '../store/test-stores';
import { openSse, type SseClient } from '../testing/sse-client';
import { call, startTestServer, type TestServer } from '../testing/test-server';
import { checkinDoc, createHubs, enrolTestDevice, newRows, type TestDevice } from './test-support';

const ATTEMPTS = 20_000;
const CONCURRENCY = 50;

// The field's attack: one device token opening stream after stream (20 000 held open took every socket of the
// process, and new kiosks could not connect). With the default caps the server keeps at most
// DEFAULT_STREAMS_PER_DEVICE of them, refuses the rest with 429, and a new kiosk still connects and hears changes.
describe.each(testStoreKinds())('a flood of stream requests from one token on %s', (kind) => {
  let t: TestServer;
  let hub: string;
  let flooder: TestDevice;
  // The responses too: undici cancels the body of a Response that is garbage-collected, closing its stream.
  const held: Array<{ abort: AbortController; res: Response }> = [];
  beforeAll(async () => {
    t = await startTestServer(kind);
    [hub] = (await createHubs(t.server.store.db, 1)) as [string];
    flooder = await enrolTestDevice(t.server.store.db, hub, 'Rubato');
  });
  afterAll(async () => {
    for (const h of held) h.abort.abort();
    await t.stop();
  });

  it(`holds at most the per-device cap of ${ATTEMPTS} attempts and still lets a new kiosk connect and hear changes`, async () => {
    const url = `${t.url}${syncPath('checkins', 'stream')}`;
    const statuses = new Map<number, number>();
    let next = 0;
    const started = Date.now();
    // Every stream the server grants is kept open to the end, as an attacker would.
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ATTEMPTS) {
          next += 1;
          const abort = new AbortController();
          const res = await fetch(url, {
            headers: { authorization: `Bearer ${flooder.token}` },
            signal: abort.signal,
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 200) held.push({ abort, res });
          else await res.arrayBuffer();
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `[figures] ${kind}: ${ATTEMPTS} stream attempts from one token in ${seconds.toFixed(1)} s ` +
        `(${Math.round(ATTEMPTS / seconds)}/s): ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(statuses.get(200)).toBe(DEFAULT_STREAMS_PER_DEVICE);
    expect(statuses.get(429)).toBe(ATTEMPTS - DEFAULT_STREAMS_PER_DEVICE);

    const kiosk = await enrolTestDevice(t.server.store.db, hub, 'Nuovo');
    const neighbour = await enrolTestDevice(t.server.store.db, hub, 'Vicino');
    const stream: SseClient = await openSse(url, kiosk.token);
    try {
      expect(stream.status).toBe(200);
      expect(await stream.waitFor('event: ready', 10_000)).toBe(true);
      const pushed = await call(`${t.url}${syncPath('checkins', 'push')}`, {
        body: newRows([checkinDoc(neighbour)]),
        bearer: neighbour.token,
      });
      expect(pushed.status).toBe(200);
      expect(await stream.waitFor('event: changes', 10_000)).toBe(true);
    } finally {
      stream.close();
    }
  }, 600_000);
});
