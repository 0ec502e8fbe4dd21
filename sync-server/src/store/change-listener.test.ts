import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubs } from '../sync/test-support';
import type { DocumentsChanged } from './change-events';
import { CHANGES_CHANNEL, changeOfNotification, notifyOtherInstances } from './change-listener';
import { openStore, type Store } from './database';
import { openTestStore, type TestStore, testStoreKinds } from './test-stores';

const runs = testStoreKinds().includes('postgres');

async function until(ready: () => boolean): Promise<boolean> {
  for (let i = 0; i < 500 && !ready(); i++) await new Promise((r) => setTimeout(r, 20));
  return ready();
}

describe.skipIf(!runs)('announcements between server instances (PostgreSQL LISTEN/NOTIFY)', () => {
  let t: TestStore;
  /** a second store on the same database: another server instance */
  let other: Store;
  const heardHere: DocumentsChanged[] = [];
  const heardThere: DocumentsChanged[] = [];

  beforeAll(async () => {
    t = await openTestStore('postgres');
    other = openStore(t.url);
    await Promise.all([t.store.listener?.listening(), other.listener?.listening()]);
    t.store.changes.on('changed', (c) => heardHere.push(c));
    other.changes.on('changed', (c) => heardThere.push(c));
  });
  afterAll(async () => {
    await other?.close();
    await t?.cleanup();
  });

  it('announces a commit on every store of the database, once on its own', async () => {
    const [hub] = (await createHubs(t.store.db, 1)) as [string];
    expect(await until(() => heardThere.some((c) => c.collection === 'hubs'))).toBe(true);
    expect(heardThere.filter((c) => c.collection === 'hubs')).toEqual([
      { collection: 'hubs', hubIds: [hub], count: 1 },
    ]);
    // its own commit is announced at commit, not a second time by its own notification
    await new Promise((r) => setTimeout(r, 200));
    expect(heardHere.filter((c) => c.collection === 'hubs')).toEqual([
      { collection: 'hubs', hubIds: [hub], ids: [hub], count: 1 },
    ]);
  });

  it('announces nothing of a transaction rolled back', async () => {
    heardThere.length = 0;
    await expect(
      t.store.db.transaction().execute(async (tx) => {
        await createHubs(tx, 1);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    // a later commit is heard: the rolled-back one would have arrived before it (notifications keep commit order)
    const [hub] = (await createHubs(t.store.db, 1)) as [string];
    expect(await until(() => heardThere.length > 0)).toBe(true);
    expect(heardThere).toEqual([{ collection: 'hubs', hubIds: [hub], count: 1 }]);
  });

  it('reconnects after losing its connection, and says that anything may have changed meanwhile', async () => {
    heardThere.length = 0;
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    try {
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'vigevano-change-listener' and datname = current_database()",
      );
      // a hub written while the listeners are away is covered by the "anything may have changed" wake
      await createHubs(t.store.db, 1);
    } finally {
      await admin.end();
    }
    expect(await until(() => heardThere.some((c) => c.collection === null))).toBe(true);
    await other.listener?.listening();
    heardThere.length = 0;
    const [hub] = (await createHubs(t.store.db, 1)) as [string];
    expect(await until(() => heardThere.some((c) => c.collection === 'hubs'))).toBe(true);
    expect(heardThere.filter((c) => c.collection === 'hubs')).toEqual([
      { collection: 'hubs', hubIds: [hub], count: 1 },
    ]);
  });
});

describe('notification payloads', () => {
  it('skips its own instance’s and anything malformed', () => {
    const payload = JSON.stringify({ i: 'a', c: 'checkins', h: ['H'], n: 3 });
    expect(changeOfNotification(payload, 'b')).toEqual({ collection: 'checkins', hubIds: ['H'], count: 3 });
    expect(changeOfNotification(payload, 'a')).toBeUndefined();
    expect(changeOfNotification('{"i":"x"}', 'b')).toBeUndefined();
    expect(changeOfNotification('not json', 'b')).toBeUndefined();
    // a hub list too long for the payload was left out: every hub is woken
    expect(changeOfNotification(JSON.stringify({ i: 'a', c: 'content', h: null, n: 1 }), 'b')).toEqual({
      collection: 'content',
      hubIds: [null],
      count: 1,
    });
  });

  it('names the hubs when they fit in a NOTIFY payload, and none (every hub) when they do not', () => {
    const publish = notifyOtherInstances('a');
    const few = publish({ collection: 'checkins', hubIds: ['H1', null], ids: ['x'], count: 2 });
    expect(few?.parameters).toEqual([
      CHANGES_CHANNEL,
      JSON.stringify({ i: 'a', c: 'checkins', h: ['H1', null], n: 2 }),
    ]);
    const hubIds = Array.from({ length: 1_000 }, (_, i) => `01HUB${String(i).padStart(21, '0')}`);
    const many = publish({ collection: 'content', hubIds, count: 1 });
    const payload = String(many?.parameters[1]);
    expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
    expect(JSON.parse(payload)).toEqual({ i: 'a', c: 'content', h: null, n: 1 });
    // "anything may have changed" is this instance's own news, never sent
    expect(publish({ collection: null, hubIds: [null], count: 1 })).toBeUndefined();
  });
});
