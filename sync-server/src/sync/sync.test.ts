import { type Content, SYNC_HEADERS, syncPath } from '@vigevano/protocol';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../devices/enrolment';
import { putDocuments } from '../store/documents';
import { testStoreKinds } from '../store/test-stores';
import { openSse } from '../testing/sse-client';
import { serverForSuite } from '../testing/suite';
import { call } from '../testing/test-server';
import {
  checkinDoc,
  createHubs,
  enrolTestDevice,
  newRows,
  sessionDoc,
  type TestDevice,
} from './test-support';

describe.each(testStoreKinds())('sync over HTTP on %s', (kind) => {
  let hubA: string;
  let hubB: string;
  let a1: TestDevice;
  let a2: TestDevice;
  let b1: TestDevice;
  const t = serverForSuite(kind);
  beforeAll(async () => {
    [hubA, hubB] = (await createHubs(t.server.store.db, 2)) as [string, string];
    a1 = await enrolTestDevice(t.server.store.db, hubA, 'Ingresso');
    a2 = await enrolTestDevice(t.server.store.db, hubA, 'Sala corsi');
    b1 = await enrolTestDevice(t.server.store.db, hubB);
  });

  const push = (device: TestDevice, collection: string, body: unknown) =>
    call(`${t.url}${syncPath(collection, 'push')}`, { body, bearer: device.token });
  const pull = (device: TestDevice, collection: string, query = '') =>
    call(`${t.url}${syncPath(collection, 'pull')}${query}`, { bearer: device.token });

  /** Pulls a collection to the end, as a kiosk would, in small batches. */
  async function pullAll(device: TestDevice, collection: string) {
    const docs: Array<Record<string, unknown>> = [];
    let order = 0;
    for (;;) {
      const res = await pull(device, collection, `?order=${order}&limit=7`);
      expect(res.status).toBe(200);
      docs.push(...res.body.documents);
      if (res.body.documents.length === 0) return { docs, order };
      order = res.body.checkpoint.order;
    }
  }

  /** Everything in the store and the feed's counters: "nothing changed" means this stays equal. */
  async function storeState() {
    const db = t.server.store.db;
    const docs = await db.selectFrom('documents').selectAll().orderBy('collection').orderBy('id').execute();
    const counters = await db.selectFrom('change_counters').selectAll().orderBy('collection').execute();
    return { docs, counters };
  }

  it('takes pushed check-ins and serves them to the kiosks of the same hub, in batches after a checkpoint', async () => {
    const docs = Array.from({ length: 20 }, () => checkinDoc(a1));
    const res = await push(a1, 'checkins', newRows(docs));
    expect(res).toEqual({ status: 200, body: { conflicts: [] } });

    const seen = await pullAll(a2, 'checkins');
    expect(seen.docs.map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());
    expect(seen.docs[0]).toEqual({ ...docs.find((d) => d.id === seen.docs[0]?.id), _deleted: false });
    // After the last checkpoint there is nothing more, and the checkpoint stays where it was.
    const after = await pull(a2, 'checkins', `?order=${seen.order}`);
    expect(after.body).toEqual({ documents: [], checkpoint: { order: seen.order } });
    // The kiosk of the other hub sees none of them.
    expect((await pullAll(b1, 'checkins')).docs).toEqual([]);
  });

  it('treats check-ins as immutable: the same one again is a no-op, a different body under its id a conflict the original wins', async () => {
    const original = checkinDoc(a1);
    expect((await push(a1, 'checkins', newRows([original]))).body.conflicts).toEqual([]);
    const before = await storeState();

    expect((await push(a1, 'checkins', newRows([original]))).body.conflicts).toEqual([]);
    expect(await storeState()).toEqual(before);

    const forged = { ...original, direction: 'out' as const, updatedAt: original.updatedAt + 1 };
    const conflict = await push(a2, 'checkins', newRows([forged]));
    expect(conflict.body.conflicts).toEqual([{ ...original, _deleted: false }]);
    const deletion = await push(a2, 'checkins', [
      {
        newDocumentState: { ...original, _deleted: true },
        assumedMasterState: { ...original, _deleted: false },
      },
    ]);
    expect(deletion.body.conflicts).toEqual([{ ...original, _deleted: false }]);
    expect(await storeState()).toEqual(before);
  });

  it('merges concurrent session edits by the written policy and sends the merged state back', async () => {
    const base = sessionDoc(hubA, { updatedAt: 1_000 });
    await push(a1, 'sessions', newRows([base]));
    const assumed = { ...base, _deleted: false };
    const fromA1 = { ...base, status: 'open' as const, notes: 'portare i libri', updatedAt: 2_000 };
    const fromA2 = {
      ...base,
      title: 'Lezione 1 (aula 2)',
      status: 'closed' as const,
      notes: 'aula 2',
      updatedAt: 1_500,
    };
    const first = await push(a1, 'sessions', [
      { newDocumentState: { ...fromA1, _deleted: false }, assumedMasterState: assumed },
    ]);
    expect(first.body.conflicts).toEqual([]);
    const second = await push(a2, 'sessions', [
      { newDocumentState: { ...fromA2, _deleted: false }, assumedMasterState: assumed },
    ]);
    const merged = {
      ...fromA1,
      status: 'closed',
      notes: 'aula 2\nportare i libri',
      updatedAt: 2_000,
      _deleted: false,
    };
    expect(second.body.conflicts).toEqual([merged]);
    const seen = (await pullAll(a1, 'sessions')).docs.find((d) => d.id === base.id);
    expect(seen).toEqual(merged);
  });

  it('serves server-written documents in the feed: hubs and devices city-wide, content to the hubs it lists', async () => {
    const db = t.server.store.db;
    const content = (id: string, hubIds: string[]): Content => ({
      id,
      kind: 'news',
      hubIds,
      title: { it: 'Titolo' },
      body: { it: 'Testo' },
      schedule: { from: 0, to: 10 },
      priority: 1,
      published: true,
      updatedAt: 1,
    });
    const [cityWide, onlyA, onlyB] = [ulid(), ulid(), ulid()];
    await putDocuments(db, [
      { collection: 'content', hubId: null, at: 0, body: content(cityWide, []) },
      { collection: 'content', hubId: null, at: 0, body: content(onlyA, [hubA]) },
      { collection: 'content', hubId: null, at: 0, body: content(onlyB, [hubB]) },
    ]);
    const ids = async (device: TestDevice, collection: string) =>
      (await pullAll(device, collection)).docs.map((d) => d.id);
    expect(await ids(a1, 'content')).toEqual(expect.arrayContaining([cityWide, onlyA]));
    expect(await ids(a1, 'content')).not.toContain(onlyB);
    expect(await ids(b1, 'hubs')).toEqual(expect.arrayContaining([hubA, hubB]));
    expect(await ids(b1, 'devices')).toEqual(expect.arrayContaining([a1.deviceId, b1.deviceId]));

    // Moved from hub A to hub B: A still hears of it (and its hubIds tell it not to show it any more).
    await putDocuments(db, [
      { collection: 'content', hubId: null, at: 0, body: { ...content(onlyA, [hubB]), updatedAt: 2 } },
    ]);
    const movedForA = (await pullAll(a1, 'content')).docs.find((d) => d.id === onlyA);
    expect(movedForA?.hubIds).toEqual([hubB]);
    expect(await ids(b1, 'content')).toContain(onlyA);
  });

  it('records each device: last seen, pull and push, app version, clock offset and documents waiting', async () => {
    const res = await fetch(`${t.url}${syncPath('checkins', 'pull')}`, {
      headers: {
        authorization: `Bearer ${b1.token}`,
        [SYNC_HEADERS.appVersion]: '1.2.3',
        [SYNC_HEADERS.deviceTime]: String(Date.now() + 60_000),
        [SYNC_HEADERS.pending]: '42',
      },
    });
    expect(res.status).toBe(200);
    const status = await t.server.store.db
      .selectFrom('device_status')
      .selectAll()
      .where('device_id', '=', b1.deviceId)
      .executeTakeFirstOrThrow();
    expect(status).toMatchObject({ app_version: '1.2.3', pending_push: 42, last_push_at: null });
    expect(status.last_pull_at).toBe(status.last_seen_at);
    expect(status.clock_offset_ms).toBeGreaterThan(50_000);
    expect(status.clock_offset_ms).toBeLessThanOrEqual(60_000);
  });

  it('notifies a live stream of commits in its own hub, and only those', async () => {
    const stream = await openSse(`${t.url}${syncPath('checkins', 'stream')}`, a2.token);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const read = stream.waitFor;
    expect(await read('event: ready', 5_000)).toBe(true);
    await push(b1, 'checkins', newRows([checkinDoc(b1)]));
    // another hub's commit: no notification (given time to arrive if it were sent)
    expect(await read('event: changes', 300)).toBe(false);
    await push(a1, 'checkins', newRows([checkinDoc(a1)]));
    expect(await read('event: changes', 5_000)).toBe(true);
    stream.close();
  });

  describe('refuses bad input with a 4xx naming the problem, and writes nothing', () => {
    const refusals: Array<[string, () => Promise<{ status: number; body: unknown }>, number, string]> = [
      [
        'a document that fails the JSON Schema',
        () => push(a1, 'checkins', newRows([{ ...checkinDoc(a1), direction: 'sideways' }])),
        400,
        'validation_failed',
      ],
      [
        'an unknown collection',
        () => push(a1, 'visitors', newRows([checkinDoc(a1)])),
        404,
        'unknown_collection',
      ],
      ['another hub’s document', () => push(a1, 'checkins', newRows([checkinDoc(b1)])), 403, 'forbidden'],
      [
        'a push to a server-only collection',
        () => push(a1, 'hubs', newRows([{ id: hubA }])),
        403,
        'forbidden',
      ],
      [
        'an oversized body',
        () => push(a1, 'checkins', newRows([{ ...checkinDoc(a1), hlc: 'x'.repeat(5 * 1024 * 1024) }])),
        413,
        'payload_too_large',
      ],
      [
        'a deeply nested body',
        () => {
          let nested: Record<string, unknown> = {};
          for (let i = 0; i < 40; i++) nested = { guest: nested };
          return push(a1, 'checkins', newRows([{ ...checkinDoc(a1), ...nested }]));
        },
        400,
        'bad_request',
      ],
      [
        'a body that is not a list of rows',
        () => push(a1, 'checkins', { rows: [] }),
        400,
        'validation_failed',
      ],
      [
        'a pull limit beyond the maximum',
        () => pull(a1, 'checkins', '?limit=100000'),
        400,
        'validation_failed',
      ],
      [
        'a missing token',
        () => call(`${t.url}${syncPath('checkins', 'push')}`, { body: newRows([checkinDoc(a1)]) }),
        401,
        'unauthorized',
      ],
      [
        'a wrong token',
        () =>
          call(`${t.url}${syncPath('checkins', 'push')}`, {
            body: newRows([checkinDoc(a1)]),
            bearer: 'x'.repeat(43),
          }),
        401,
        'unauthorized',
      ],
    ];
    it.each(refusals)('%s', async (_name, request, status, code) => {
      const before = await storeState();
      const res = await request();
      expect(res.status).toBe(status);
      expect((res.body as { error: { code: string; message: string } }).error.code).toBe(code);
      expect((res.body as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
      expect(await storeState()).toEqual(before);
    });

    it('a revoked device, at once, for pulls and pushes', async () => {
      const doomed = await enrolTestDevice(t.server.store.db, hubA, 'Da revocare');
      expect((await pull(doomed, 'checkins')).status).toBe(200);
      await revokeDevice(t.server.store.db, doomed.deviceId);
      const before = await storeState();
      for (const res of [
        await push(doomed, 'checkins', newRows([checkinDoc(doomed)])),
        await pull(doomed, 'checkins'),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('device_revoked');
      }
      expect(await storeState()).toEqual(before);
    });
  });
});
