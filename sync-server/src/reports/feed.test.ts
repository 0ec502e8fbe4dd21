import type { Checkin } from '@vigevano/protocol';
import { Migrator } from 'kysely';
import pg from 'pg';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { putDocuments } from '../store/documents';
import { migrationProvider } from '../store/migrations/index';
import { openTestStore, type TestStore, testStoreKinds } from '../store/test-stores';
import { syncCollection } from '../sync/collections';
import { applyPush } from '../sync/push';
import { storeForEachTest } from '../testing/store-per-test';
import { CATCH_UP_LOCK_KEY, catchUpReports, ReportFeed } from './feed';
import { statisticsRows } from './statistics-rows';

const HUB = ulid();
const DEVICE = ulid();
const CARDS = Array.from({ length: 30 }, () => ulid());

function checkin(n: number): Checkin {
  const at = Date.parse('2026-03-02T09:00:00Z') + n * 60_000;
  return {
    id: ulid(at),
    hubId: HUB,
    deviceId: DEVICE,
    cardId: n % 7 === 0 ? undefined : CARDS[n % CARDS.length],
    direction: 'in',
    source: 'camera',
    deviceTime: at,
    hlc: `${at}-0000-${DEVICE}`,
    updatedAt: at,
  };
}

async function reportTotals(t: TestStore) {
  const db = t.store.db;
  const ids = await db.selectFrom('report_checkins').select('id').execute();
  const daily = await db
    .selectFrom('report_daily')
    .select((eb) => [eb.fn.sum<number>('checkins').as('c'), eb.fn.sum<number>('guests').as('g')])
    .executeTakeFirstOrThrow();
  return { ids: ids.map((r) => r.id), checkins: Number(daily.c ?? 0), guests: Number(daily.g ?? 0) };
}

describe.each(testStoreKinds())('the report feed on %s', (kind) => {
  const freshStore = storeForEachTest(kind);

  it('files every pushed check-in exactly once, with catch-ups running while kiosks push', async () => {
    const t = await freshStore();
    const db = t.store.db;
    const checkins = syncCollection('checkins');
    const WRITERS = 5;
    const BATCHES = 8;
    const PER_BATCH = 25;
    let n = 0;
    let pushing = true;
    const all: Checkin[] = [];
    const writer = async () => {
      for (let b = 0; b < BATCHES; b++) {
        const docs = Array.from({ length: PER_BATCH }, () => checkin(n++));
        all.push(...docs);
        // a retried push now and then: the same documents again, which must not count twice
        const rows = docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } }));
        await applyPush(db, checkins, rows);
        if (b % 3 === 0) await applyPush(db, checkins, rows.slice(0, 5));
      }
    };
    const feed = new ReportFeed(t.store, {
      onError: (error) => {
        throw error;
      },
    });
    const follower = async () => {
      while (pushing) {
        await feed.upToDate();
        await new Promise((r) => setTimeout(r, Math.random() * 10));
      }
    };
    const following = [
      follower(),
      follower(),
      (async () => {
        while (pushing) {
          await catchUpReports(db);
          await new Promise((r) => setTimeout(r, Math.random() * 10));
        }
      })(),
    ];
    await Promise.all(Array.from({ length: WRITERS }, writer));
    pushing = false;
    await Promise.all(following);
    await feed.upToDate();

    const total = WRITERS * BATCHES * PER_BATCH;
    const totals = await reportTotals(t);
    expect(totals.ids).toHaveLength(total);
    expect(new Set(totals.ids)).toEqual(new Set(all.map((c) => c.id)));
    expect(totals.checkins).toBe(total);
    expect(totals.guests).toBe(all.filter((c) => !c.cardId).length);
    // nothing left to do: the cursor is at the counter, and another catch-up reads nothing
    expect(await catchUpReports(db)).toBe(0);
    const cursor = await db
      .selectFrom('report_cursors')
      .select('last_order')
      .where('collection', '=', 'checkins')
      .executeTakeFirstOrThrow();
    const counter = await db
      .selectFrom('change_counters')
      .select('last_order')
      .where('collection', '=', 'checkins')
      .executeTakeFirstOrThrow();
    expect(Number(cursor.last_order)).toBe(Number(counter.last_order));
  });

  it('passes the gaps a push leaves in the change orders when it finds rows already stored', async () => {
    const t = await freshStore();
    const db = t.store.db;
    const checkins = syncCollection('checkins');
    const rowsOf = (docs: Checkin[]) => docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } }));
    const [a, b, c] = [checkin(1), checkin(2), checkin(3)];
    await applyPush(db, checkins, rowsOf([a]));
    // a is stored already: its order, before b's, is left unwritten
    expect(await applyPush(db, checkins, rowsOf([a, b]))).toEqual({ conflicts: [], written: 1 });
    // all stored already: the orders go back, and the counter stays where it was
    const counterOf = async () =>
      Number(
        (
          await db
            .selectFrom('change_counters')
            .select('last_order')
            .where('collection', '=', 'checkins')
            .executeTakeFirstOrThrow()
        ).last_order,
      );
    const before = await counterOf();
    expect(await applyPush(db, checkins, rowsOf([b, a]))).toEqual({ conflicts: [], written: 0 });
    expect(await counterOf()).toBe(before);
    await applyPush(db, checkins, rowsOf([c]));

    const orders = await db
      .selectFrom('documents')
      .select('change_order')
      .where('collection', '=', 'checkins')
      .orderBy('change_order')
      .execute();
    expect(orders.map((o) => Number(o.change_order))).toEqual([1, 3, 4]);
    expect(await counterOf()).toBe(4);

    expect(await catchUpReports(db)).toBe(3);
    expect((await reportTotals(t)).ids.sort()).toEqual([a.id, b.id, c.id].sort());
    const cursor = await db
      .selectFrom('report_cursors')
      .select('last_order')
      .where('collection', '=', 'checkins')
      .executeTakeFirstOrThrow();
    expect(Number(cursor.last_order)).toBe(4);
    expect(await catchUpReports(db)).toBe(0);
  });

  it('gives the query planner statistics of the reports once they hold 5 000 documents', async () => {
    const t = await freshStore();
    const db = t.store.db;
    const docs = Array.from({ length: 5_000 }, (_, i) => checkin(i));
    const checkins = syncCollection('checkins');
    for (let i = 0; i < docs.length; i += 1_000)
      await applyPush(
        db,
        checkins,
        docs.slice(i, i + 1_000).map((d) => ({ newDocumentState: { ...d, _deleted: false } })),
      );
    expect(await statisticsRows(t)).toBe(0);
    expect(await catchUpReports(db)).toBe(5_000);
    expect(await statisticsRows(t)).toBeGreaterThan(0);
  });

  it('follows pushes in the background, without a reader asking', async () => {
    const t = await freshStore();
    const db = t.store.db;
    const feed = new ReportFeed(t.store, {
      onError: (error) => {
        throw error;
      },
      timing: { quietMs: 20, maxLagMs: 200 },
    });
    const stop = feed.follow();
    try {
      const docs = Array.from({ length: 30 }, (_, i) => checkin(i));
      // applyPush announces the committed change, as the push route does
      await applyPush(
        db,
        syncCollection('checkins'),
        docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } })),
      );
      let filed = 0;
      for (let i = 0; i < 200 && filed < docs.length; i++) {
        await new Promise((r) => setTimeout(r, 25));
        filed = (await reportTotals(t)).ids.length;
      }
      expect(filed).toBe(docs.length);
    } finally {
      stop();
      await feed.settled();
    }
  });

  it('upgrades a database: reports already complete start at the counters, others are projected', async () => {
    for (const complete of [true, false]) {
      const store = await openTestStore(kind, { migrate: false });
      try {
        const migrated = await new Migrator({ db: store.store.db, provider: migrationProvider }).migrateTo(
          '0004-reports',
        );
        expect(migrated.error).toBeUndefined();
        const docs = [checkin(1), checkin(2)];
        await putDocuments(
          store.store.db,
          docs.map((body) => ({ collection: 'checkins', hubId: HUB, at: body.deviceTime, body })),
        );
        if (complete)
          await store.store.db
            .insertInto('settings')
            .values({ key: 'reports_projected_at', value: '1' })
            .execute();
        // up to 0005, whose upgrade this is (0006 projects every document again: duplicates.test.ts)
        const upgraded = await new Migrator({ db: store.store.db, provider: migrationProvider }).migrateTo(
          '0005-report-feed',
        );
        expect(upgraded.error).toBeUndefined();
        // a database whose reports were complete has nothing to catch up; the other files both check-ins
        const cursor = await store.store.db
          .selectFrom('report_cursors')
          .select('last_order')
          .where('collection', '=', 'checkins')
          .executeTakeFirstOrThrow();
        const counter = await store.store.db
          .selectFrom('change_counters')
          .select('last_order')
          .where('collection', '=', 'checkins')
          .executeTakeFirstOrThrow();
        expect(Number(cursor.last_order)).toBe(complete ? Number(counter.last_order) : 0);
        const settings = await store.store.db.selectFrom('settings').select('key').execute();
        expect(settings.map((s) => s.key)).not.toContain('reports_projected_at');
      } finally {
        await store.cleanup();
      }
    }
  });
});

describe.skipIf(!testStoreKinds().includes('postgres'))('the report feed of several instances', () => {
  let t: TestStore | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('catches up in one instance at a time (a PostgreSQL advisory lock); a reader waits for the other', async () => {
    t = await openTestStore('postgres');
    const fail = (error: unknown) => {
      throw error;
    };
    await applyPush(
      t.store.db,
      syncCollection('checkins'),
      Array.from({ length: 20 }, (_, i) => ({ newDocumentState: { ...checkin(i), _deleted: false } })),
    );
    // another instance holds the catch-up lock, on its own connection
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock($1)', [CATCH_UP_LOCK_KEY]);
      const feed = new ReportFeed(t.store, { onError: fail, timing: { quietMs: 10, maxLagMs: 20 } });
      const stop = feed.follow();
      // the background catch-up would run now; a reader's catch-up waits for the lock
      t.store.changes.announce({ collection: 'checkins', hubIds: [HUB], count: 20 });
      let read: number | undefined;
      const reading = feed.upToDate().then((n) => {
        read = n;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(read).toBeUndefined();
      expect((await reportTotals(t)).ids).toEqual([]);
      await other.query('select pg_advisory_unlock($1)', [CATCH_UP_LOCK_KEY]);
      await reading;
      stop();
      await feed.settled();
      expect((await reportTotals(t)).ids).toHaveLength(20);
    } finally {
      await other.end();
    }
  });
});

describe('the report feed on sqlite, beside other requests', () => {
  const freshStore = storeForEachTest('sqlite');

  it('lets a read through between short pages of a long catch-up', async () => {
    const t = await freshStore();
    const db = t.store.db;
    const docs = Array.from({ length: 2_000 }, (_, i) => checkin(i));
    for (let i = 0; i < docs.length; i += 1_000)
      await applyPush(
        db,
        syncCollection('checkins'),
        docs.slice(i, i + 1_000).map((d) => ({ newDocumentState: { ...d, _deleted: false } })),
      );
    let finished = false;
    const catchingUp = catchUpReports(db).then(() => {
      finished = true;
    });
    // A kiosk's request on the one SQLite connection: what it reads while the catch-up is still going on.
    const seen = new Set<number>();
    while (!finished) {
      await new Promise((r) => setImmediate(r));
      const cursor = await db
        .selectFrom('report_cursors')
        .select('last_order')
        .where('collection', '=', 'checkins')
        .executeTakeFirst();
      if (!finished) seen.add(Number(cursor?.last_order ?? 0));
    }
    await catchingUp;
    // the reads came between pages: they saw the cursor part of the way, not only before and after
    expect([...seen].some((order) => order > 0 && order < docs.length)).toBe(true);
  });
});
