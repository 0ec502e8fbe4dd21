import { type Checkin, REPEAT_SCAN_WINDOW_MS, syncPath } from '@vigevano/protocol';
import { Migrator } from 'kysely';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../store/database';
import { putDocuments } from '../store/documents';
import { migrationProvider } from '../store/migrations/index';
import { openTestStore, testStoreKinds } from '../store/test-stores';
import { checkinDoc, createHubs, enrolTestDevice, newRows, type TestDevice } from '../sync/test-support';
import { call, startTestServer, type TestServer } from '../testing/test-server';
import { duplicateMarks } from './duplicates';
import { catchUpReports } from './feed';
import { rebuildAggregates } from './rebuild';

// Issue 14 item 7: the same card at two kiosks of one hub, both offline, is admitted by both. After their pushes
// the server holds both check-ins and counts one visit, whichever push arrives first.

const T = Date.parse('2026-11-20T09:00:00Z');
const MIN = 60_000;

describe.each(testStoreKinds())('the same card at two offline kiosks on %s', (kind) => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  async function twoKiosks() {
    t = await startTestServer(kind);
    const db = t.server.store.db;
    const [hub] = (await createHubs(db, 1)) as [string];
    const a = await enrolTestDevice(db, hub, 'Ingresso');
    const b = await enrolTestDevice(db, hub, 'Sala corsi');
    const url = t.url;
    const push = async (device: TestDevice, docs: Checkin[]) => {
      const res = await call(`${url}${syncPath('checkins', 'push')}`, {
        body: newRows(docs),
        bearer: device.token,
      });
      expect(res).toEqual({ status: 200, body: { conflicts: [] } });
    };
    /** what the reports hold once caught up: each check-in's mark and the day's counts */
    const reports = async () => {
      await catchUpReports(db);
      const marks = await db
        .selectFrom('report_checkins')
        .select(['id', 'duplicate'])
        .orderBy('id')
        .execute();
      const sum = async (table: 'report_daily' | 'report_hourly' | 'report_visitor_days') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.sum<number>('checkins').as('n'))
              .executeTakeFirstOrThrow()
          ).n ?? 0,
        );
      return {
        marks: Object.fromEntries(marks.map((m) => [m.id, Number(m.duplicate)])),
        daily: await sum('report_daily'),
        hourly: await sum('report_hourly'),
        visitorDays: await sum('report_visitor_days'),
      };
    };
    return { db, a, b, push, reports };
  }

  it('counts one visit, the earlier, whichever kiosk pushes first, and keeps both check-ins', async () => {
    const { db, a, b, push, reports } = await twoKiosks();
    const cardId = ulid();
    const first = checkinDoc(a, { cardId, deviceTime: T, updatedAt: T });
    const second = checkinDoc(b, { cardId, deviceTime: T + 4 * MIN, updatedAt: T + 4 * MIN });
    // The later one reaches the server first, and is counted until the earlier one arrives.
    await push(b, [second]);
    expect(await reports()).toEqual({ marks: { [second.id]: 0 }, daily: 1, hourly: 1, visitorDays: 1 });
    await push(a, [first]);
    const after = await reports();
    expect(after).toEqual({
      marks: { [first.id]: 0, [second.id]: 1 },
      daily: 1,
      hourly: 1,
      visitorDays: 1,
    });
    // The bulk SQL rebuild marks and counts the same.
    await rebuildAggregates(db);
    expect(await reports()).toEqual(after);
  });

  it('gives the same result when the earlier one arrives first, or both in one catch-up', async () => {
    const { a, b, push, reports } = await twoKiosks();
    const [c1, c2] = [ulid(), ulid()];
    const inOrder = [
      checkinDoc(a, { cardId: c1, deviceTime: T, updatedAt: T }),
      checkinDoc(b, { cardId: c1, deviceTime: T + 9 * MIN, updatedAt: T + 9 * MIN }),
    ] as const;
    await push(a, [inOrder[0]]);
    await reports();
    await push(b, [inOrder[1]]);
    const together = [
      checkinDoc(b, { cardId: c2, deviceTime: T + 2 * MIN, updatedAt: T + 2 * MIN }),
      checkinDoc(a, { cardId: c2, deviceTime: T + 3 * MIN, updatedAt: T + 3 * MIN }),
    ] as const;
    await push(a, [together[1]]);
    await push(b, [together[0]]);
    expect(await reports()).toEqual({
      marks: { [inOrder[0].id]: 0, [inOrder[1].id]: 1, [together[0].id]: 0, [together[1].id]: 1 },
      daily: 2,
      hourly: 2,
      visitorDays: 2,
    });
  });

  it('leaves real second visits counted: after the window, one kiosk after a check-out, another session', async () => {
    const { a, b, push, reports } = await twoKiosks();
    const cardId = ulid();
    const docs = [
      checkinDoc(a, { cardId, deviceTime: T }),
      // the same kiosk again after a check-out: the kiosk decided, with everything it needed
      checkinDoc(a, { cardId, deviceTime: T + 2 * MIN, direction: 'out' }),
      checkinDoc(a, { cardId, deviceTime: T + 3 * MIN }),
      // another kiosk, one window after the last entry: a new visit
      checkinDoc(b, { cardId, deviceTime: T + 3 * MIN + REPEAT_SCAN_WINDOW_MS }),
      // joining a session is another thing to record than entering the hub
      checkinDoc(b, { cardId, deviceTime: T + MIN, sessionId: ulid() }),
    ];
    await push(a, docs.slice(0, 3));
    await push(b, docs.slice(3));
    const r = await reports();
    expect(Object.values(r.marks)).toEqual([0, 0, 0, 0, 0]);
    expect(r.daily).toBe(4);
  });

  it('takes a duplicate out of a session count and puts the earlier one in, whatever the order', async () => {
    const { db, a, b, push, reports } = await twoKiosks();
    const sessionId = ulid();
    await db
      .insertInto('report_sessions')
      .values({
        id: sessionId,
        hub_id: a.hubId,
        activity: 'Italiano',
        target_group: 'migrant_background',
        kind: 'lesson',
        title: 'Italiano 1',
        starts_at: T,
        ends_at: T + 3_600_000,
        day: '2026-11-20',
        status: 'open',
        capacity: 10,
        facilitator: 'Giulia',
        notes: '',
        enrolled: 0,
        present: 0,
        checkins: 0,
      })
      .execute();
    const cardId = ulid();
    const late = checkinDoc(b, { cardId, sessionId, deviceTime: T + 5 * MIN });
    const early = checkinDoc(a, { cardId, sessionId, deviceTime: T + MIN });
    await push(b, [late]);
    await reports();
    await push(a, [early]);
    expect((await reports()).marks).toEqual({ [early.id]: 0, [late.id]: 1 });
    const session = await db
      .selectFrom('report_sessions')
      .select('checkins')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(Number(session.checkins)).toBe(1);
  });

  it('upgrades a database whose reports counted both: they are projected again and count one', async () => {
    const store = await openTestStore(kind, { migrate: false });
    try {
      const db = store.store.db;
      const migrated = await new Migrator({ db, provider: migrationProvider }).migrateTo('0005-report-feed');
      expect(migrated.error).toBeUndefined();
      const [hub, cardId] = [ulid(), ulid()];
      const docs = ['A', 'B'].map((kiosk, i) => ({
        ...checkinDoc({ deviceId: ulid(), hubId: hub, token: '' }, { cardId, deviceTime: T + i * MIN }),
        hlc: `${T + i * MIN}-0000-${kiosk}`,
      }));
      await putDocuments(
        db,
        docs.map((body) => ({ collection: 'checkins', hubId: hub, at: body.deviceTime, body })),
      );
      // The reports as the feed before 0006 left them: both filed and counted, cursor at the end.
      const counter = await db
        .selectFrom('change_counters')
        .select('last_order')
        .where('collection', '=', 'checkins')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('report_cursors')
        .set({ last_order: Number(counter.last_order) })
        .where('collection', '=', 'checkins')
        .execute();
      await db
        .insertInto('report_daily')
        .values({
          day: '2026-11-20',
          week: '2026-11-16',
          month: '2026-11',
          hub_id: hub,
          activity: '',
          target_group: '',
          checkins: 2,
          guests: 0,
          visitor_days: 1,
        })
        .execute();
      const daily = async () =>
        Number(
          (
            await db
              .selectFrom('report_daily')
              .select((eb) => eb.fn.sum<number>('checkins').as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await daily()).toBe(2);
      await migrateToLatest(store.store);
      expect(await catchUpReports(db)).toBe(2);
      expect(await daily()).toBe(1);
    } finally {
      await store.cleanup();
    }
  });
});

describe('the duplicate rule', () => {
  const row = (id: string, device: string, at: number, overrides: object = {}) => ({
    id,
    hub_id: 'H',
    device_id: device,
    card_id: 'C',
    session_id: null,
    direction: 'in',
    at,
    ...overrides,
  });

  it('marks the same rows whatever order they are given in', () => {
    const rows = [
      row('1', 'A', T),
      row('2', 'B', T + 9 * MIN),
      // within a window of the duplicate before it: a kiosk that had seen it would have refused too
      row('3', 'A', T + 15 * MIN),
      row('4', 'B', T + 40 * MIN),
      // same time at two kiosks: the smaller id is counted
      row('6', 'A', T + 60 * MIN),
      row('5', 'B', T + 60 * MIN),
      row('7', 'B', T + 61 * MIN, { card_id: null }),
      row('8', 'A', T + 61 * MIN, { hub_id: 'K' }),
    ];
    const expected = { 1: false, 2: true, 3: true, 4: false, 5: false, 6: true, 8: false };
    expect(Object.fromEntries(duplicateMarks(rows))).toEqual(expected);
    expect(Object.fromEntries(duplicateMarks([...rows].reverse()))).toEqual(expected);
  });
});
