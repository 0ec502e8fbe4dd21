import { type ContentInput, generateKeyPair, type SyncStreamReady, syncPath } from '@vigevano/protocol';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContent, deleteContent, publishContent } from '../dashboard/content-store';
import { issueCard, revokeCards } from '../dashboard/people/cards';
import { revokeDevice } from '../devices/enrolment';
import type { DocumentsChanged } from '../store/change-events';
import { putDocuments } from '../store/documents';
import { testStoreKinds } from '../store/test-stores';
import { openSse, type SseClient } from '../testing/sse-client';
import { call, startTestServer, type TestServer } from '../testing/test-server';
import { checkinDoc, createHubs, enrolTestDevice, hubDoc, newRows, type TestDevice } from './test-support';

const PER_DEVICE = 4;
const TOTAL = 10;

function contentInput(hubIds: string[]): ContentInput {
  const now = Date.now();
  return {
    kind: 'news',
    hubIds,
    title: { it: 'Avviso' },
    body: { it: 'Testo' },
    schedule: { from: now - 3_600_000, to: now + 86_400_000 },
    priority: 1,
  };
}

describe.each(testStoreKinds())('live sync streams on %s', (kind) => {
  let t: TestServer;
  let hubA: string;
  let hubB: string;
  let a1: TestDevice;
  let b1: TestDevice;
  const open: SseClient[] = [];
  beforeAll(async () => {
    t = await startTestServer(kind, {
      env: {
        STREAM_HEARTBEAT_SECONDS: '1',
        STREAMS_PER_DEVICE: String(PER_DEVICE),
        STREAMS_TOTAL: String(TOTAL),
      },
    });
    [hubA, hubB] = (await createHubs(t.server.store.db, 2)) as [string, string];
    a1 = await enrolTestDevice(t.server.store.db, hubA);
    b1 = await enrolTestDevice(t.server.store.db, hubB);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.stop();
  });

  async function stream(device: TestDevice, collection: string): Promise<SseClient> {
    const s = await openSse(`${t.url}${syncPath(collection, 'stream')}`, device.token);
    open.push(s);
    return s;
  }

  /** Runs a server-side write and says whether the open stream was told of it (a new `changes` event). */
  async function wakes(s: SseClient, write: () => Promise<unknown>): Promise<boolean> {
    const before = s.count('event: changes');
    await write();
    for (let i = 0; i < 250; i++) {
      if (s.count('event: changes') > before) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  it('wakes the streams on every server-side write: enrolment, revocation, hub edits, content, cards, erasure', async () => {
    const db = t.server.store.db;
    const devices = await stream(a1, 'devices');
    const hubs = await stream(a1, 'hubs');
    const content = await stream(a1, 'content');
    const cards = await stream(a1, 'cards');
    for (const s of [devices, hubs, content, cards])
      expect(await s.waitFor('event: ready', 10_000)).toBe(true);

    let enrolled: TestDevice | undefined;
    expect(await wakes(devices, async () => (enrolled = await enrolTestDevice(db, hubB)))).toBe(true);
    expect(await wakes(devices, () => revokeDevice(db, (enrolled as TestDevice).deviceId))).toBe(true);
    expect(
      await wakes(hubs, () =>
        putDocuments(db, [
          {
            collection: 'hubs',
            hubId: hubA,
            at: null,
            body: { ...hubDoc(hubA, 'Hub rinominato'), updatedAt: 2 },
          },
        ]),
      ),
    ).toBe(true);
    let contentId = '';
    expect(
      await wakes(content, async () => (contentId = (await createContent(db, contentInput([hubA]))).id)),
    ).toBe(true);
    expect(await wakes(content, () => publishContent(db, contentId, true))).toBe(true);
    expect(await wakes(content, () => deleteContent(db, contentId))).toBe(true);
    let cardId = '';
    expect(
      await wakes(cards, async () => {
        const issued = await issueCard(db, ulid(), hubA, { alias: 'Ada', language: 'it' }, generateKeyPair());
        cardId = issued.card.id;
      }),
    ).toBe(true);
    // Erasure revokes a person's cards inside its own transaction, as the people route does.
    expect(
      await wakes(cards, () => db.transaction().execute((tx) => revokeCards(tx, [cardId], 'erased'))),
    ).toBe(true);
  });

  it('announces a change only once its transaction commits, and never if it rolls back', async () => {
    const db = t.server.store.db;
    const heard: DocumentsChanged[] = [];
    const listener = (change: DocumentsChanged) => {
      if (change.collection === 'hubs') heard.push(change);
    };
    t.server.store.changes.on('changed', listener);
    try {
      const [hub] = (await createHubs(db, 1)) as [string];
      expect(heard.map((c) => c.ids)).toEqual([[hub]]);
      heard.length = 0;
      const edit = {
        collection: 'hubs',
        hubId: hub,
        at: null,
        body: { ...hubDoc(hub, 'Nuovo nome'), updatedAt: 5 },
      };
      await db.transaction().execute(async (tx) => {
        await putDocuments(tx, [edit]);
        // Written but not committed: a kiosk pulling now would not find it, so nobody is told yet.
        expect(heard).toEqual([]);
      });
      expect(heard).toEqual([{ collection: 'hubs', hubIds: [hub], ids: [hub], count: 1 }]);
      heard.length = 0;
      await expect(
        db.transaction().execute(async (tx) => {
          await putDocuments(tx, [{ ...edit, body: { ...edit.body, updatedAt: 6 } }]);
          throw new Error('rolled back on purpose');
        }),
      ).rejects.toThrow('rolled back on purpose');
      expect(heard).toEqual([]);
    } finally {
      t.server.store.changes.off('changed', listener);
    }
  });

  it('ends a revoked device’s open streams at once and refuses it a new one', async () => {
    const doomed = await enrolTestDevice(t.server.store.db, hubA, 'Rubato');
    const checkins = await stream(doomed, 'checkins');
    const devices = await stream(doomed, 'devices');
    for (const s of [checkins, devices]) expect(await s.waitFor('event: ready', 10_000)).toBe(true);
    await revokeDevice(t.server.store.db, doomed.deviceId);
    expect(await checkins.ended(10_000)).toBe(true);
    expect(await devices.ended(10_000)).toBe(true);
    const again = await call(`${t.url}${syncPath('checkins', 'stream')}`, { bearer: doomed.token });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('device_revoked');
  });

  it('answers with headers that keep proxies from buffering, says its heartbeat, and sends it', async () => {
    const s = await stream(b1, 'sessions');
    expect(s.status).toBe(200);
    expect(s.headers.get('x-accel-buffering')).toBe('no');
    expect(s.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(s.headers.get('content-type')).toContain('text/event-stream');
    expect(await s.waitFor('event: ready\ndata: ', 10_000)).toBe(true);
    expect(await s.waitFor('}\n\n', 10_000)).toBe(true);
    const ready = /event: ready\ndata: (.*)\n/.exec(s.text())?.[1] as string;
    expect(JSON.parse(ready) as SyncStreamReady).toEqual({ heartbeatSeconds: 1 });
    // STREAM_HEARTBEAT_SECONDS=1: a few comment lines arrive while nothing changes.
    expect(await s.waitFor(': ping\n\n: ping\n\n', 20_000)).toBe(true);
    s.close();
  });

  it('caps streams per device (429) and in total (503) with Retry-After; a flood from one token locks nobody out', async () => {
    for (const s of open.splice(0)) s.close();
    // Closed streams are released when the server sees their sockets close.
    const url = `${t.url}${syncPath('checkins', 'stream')}`;
    const mine: SseClient[] = [];
    for (let i = 0; i < PER_DEVICE; i++) mine.push(await eventually(() => stream(a1, 'checkins'), 200));
    const refused = await fetch(url, { headers: { authorization: `Bearer ${a1.token}` } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

    // Fill the server with other devices' streams up to its total.
    const others: TestDevice[] = [];
    while (others.length * PER_DEVICE < TOTAL) others.push(await enrolTestDevice(t.server.store.db, hubB));
    const theirs: SseClient[] = [];
    for (const d of others)
      for (let i = 0; i < PER_DEVICE && mine.length + theirs.length < TOTAL; i++)
        theirs.push(await eventually(() => stream(d, 'checkins'), 200));
    const full = await fetch(url, { headers: { authorization: `Bearer ${b1.token}` } });
    expect(full.status).toBe(503);
    expect(Number(full.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await full.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    for (const s of theirs) s.close();

    // 400 more attempts from the one token, 20 at a time, each closed as soon as answered (20 000: the reliability test).
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 400) {
          next += 1;
          const abort = new AbortController();
          const res = await fetch(url, {
            headers: { authorization: `Bearer ${a1.token}` },
            signal: abort.signal,
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          abort.abort();
        }
      }),
    );
    expect([...statuses.keys()].every((s) => s === 200 || s === 429)).toBe(true);
    expect(statuses.get(429)).toBeGreaterThan(0);

    // A kiosk of another hub still connects and hears its neighbour's check-in live.
    const kiosk = await eventually(() => stream(b1, 'checkins'), 200);
    expect(await kiosk.waitFor('event: ready', 10_000)).toBe(true);
    const neighbour = await enrolTestDevice(t.server.store.db, hubB, 'Vicino');
    await call(`${t.url}${syncPath('checkins', 'push')}`, {
      body: newRows([checkinDoc(neighbour)]),
      bearer: neighbour.token,
    });
    expect(await kiosk.waitFor('event: changes', 10_000)).toBe(true);
    for (const s of mine) s.close();
  });

  /** Opens until the server accepts (the places of streams just closed come free when it sees them close). */
  async function eventually(opening: () => Promise<SseClient>, attempts: number): Promise<SseClient> {
    for (let i = 1; ; i++) {
      const s = await opening();
      if (s.status === 200 || i >= attempts) {
        expect(s.status).toBe(200);
        return s;
      }
      s.close();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});
