import type { Checkin, PersonInput } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { savePerson } from '../dashboard/people/store';
import { seededRandom } from '../demo/random';
import { putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { testStoreKinds } from '../store/test-stores';
import { storeForEachTest } from '../testing/store-per-test';
import { catchUpReports } from './feed';
import { AGGREGATE_TABLES, rebuildAggregates } from './rebuild';
import { HUBS, type TestCity, testCity, testId } from './test-city';

// The incremental projectors (run by the report feed) and the bulk SQL rebuild are two independent
// implementations of the same report definitions: after any sequence of pushes, in any order, caught up at any
// moments, they must hold exactly the same rows.

async function snapshot(db: Kysely<Database>) {
  const out: Record<string, unknown[]> = {};
  for (const table of AGGREGATE_TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Array<Record<string, unknown>>;
    out[table] = rows
      // a counter that went back to zero is the same as no row
      .filter(
        (r) =>
          ![
            'visitors',
            'new_visitors',
            'checkins',
            'guests',
            'visitor_days',
            'moves',
            'participants',
            'days',
          ].every((k) => !(k in r) || Number(r[k]) === 0),
      )
      .map((r) =>
        JSON.stringify(
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])),
        ),
      )
      .sort();
  }
  return out;
}

const START = Date.parse('2026-01-20T08:00:00Z');
// biome-ignore lint/suspicious/noExplicitAny: documents of every collection
const put = (db: Kysely<Database>, collection: string, docs: Array<any>, at: (d: never) => number | null) =>
  putDocuments(
    db,
    docs.map((body) => ({ collection, hubId: body.hubId ?? null, at: at(body as never), body })),
  );

async function pushShuffled(db: Kysely<Database>, city: TestCity, seed: number) {
  const random = seededRandom(seed);
  type Item = { collection: string; doc: { id: string; updatedAt: number; hubId?: string } };
  const items: Item[] = [
    ...city.cards.map((doc) => ({ collection: 'cards', doc })),
    ...city.sessions.map((doc) => ({ collection: 'sessions', doc })),
    ...city.checkins.map((doc) => ({ collection: 'checkins', doc })),
    ...city.enrolments.map((doc) => ({ collection: 'enrolments', doc })),
  ];
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as Item, items[i] as Item];
  }
  // Batches of mixed sizes, each collection's part in its own putDocuments call, like pushes from many kiosks.
  let i = 0;
  while (i < items.length) {
    const size = 1 + Math.floor(random() * 40);
    const batch = items.slice(i, i + size);
    i += size;
    for (const collection of ['cards', 'sessions', 'checkins', 'enrolments']) {
      const docs = batch.filter((b) => b.collection === collection).map((b) => b.doc);
      if (docs.length > 0)
        await put(
          db,
          collection,
          docs,
          (d: { deviceTime?: number; startsAt?: number }) => d.deviceTime ?? d.startsAt ?? null,
        );
    }
    // The report feed catches up now and then: pages of every size, some with several collections behind.
    if (random() < 0.2) await catchUpReports(db);
  }
}

describe.each(testStoreKinds())('report projections on %s', (kind) => {
  const freshStore = storeForEachTest(kind);

  it('agree with a full SQL rebuild after shuffled, duplicated and late pushes', async () => {
    const t = await freshStore();
    const db = t.store.db;
    const city = testCity(7, START);
    await pushShuffled(db, city, 11);
    // A kiosk retries a push it already made: nothing may change.
    await put(db, 'checkins', city.checkins.slice(0, 50), (d: Checkin) => d.deviceTime);
    // A session is renamed after its check-ins synced; personal data recorded for two visitors, one corrected.
    const session = city.sessions[0];
    if (!session) throw new Error('no session');
    await put(
      db,
      'sessions',
      [
        {
          ...session,
          activity: 'Laboratorio nuovo',
          targetGroup: 'young_neet',
          updatedAt: session.updatedAt + 1,
        },
      ],
      () => session.startsAt,
    );
    const [v1, v2] = [city.cards[0]?.visitorId as string, city.cards[5]?.visitorId as string];
    const person: PersonInput = {
      firstName: 'Ada',
      lastName: 'Rossi',
      gender: 'female',
      birthYear: 1950,
      employment: 'inactive',
      disadvantaged: ['disability'],
      consent: true,
    };
    await savePerson(db, v1, HUBS[0] as string, person, 'U');
    await savePerson(db, v2, HUBS[0] as string, { ...person, disadvantaged: [] }, 'U');
    await savePerson(
      db,
      v1,
      HUBS[0] as string,
      { ...person, gender: 'male', education: 'isced_3_4', disadvantaged: null },
      'U',
    );

    await catchUpReports(db);
    const incremental = await snapshot(db);
    expect(incremental.report_visitor_counts?.length).toBeGreaterThan(100);
    expect(incremental.report_flows?.length).toBeGreaterThan(0);
    await rebuildAggregates(db);
    expect(await snapshot(db)).toEqual(incremental);
  });

  it('agree with the rebuild on duplicates from kiosks offline at the same time, pushed in any order', async () => {
    const t = await freshStore();
    const db = t.store.db;
    const city = testCity(9, START, 20, 12, 200);
    // A second kiosk of the hub took some of the same cards minutes before or after (some beyond the window).
    const random = seededRandom(13);
    const twins = city.checkins
      .filter((c) => c.cardId && c.direction === 'in' && random() < 0.4)
      .map((c, i): Checkin => {
        const deviceTime = c.deviceTime + Math.round((random() - 0.5) * 2 * 14 * 60_000);
        return { ...c, id: testId('TWIN', i), deviceId: testId('DEV2', HUBS.indexOf(c.hubId)), deviceTime };
      });
    await pushShuffled(db, { ...city, checkins: [...city.checkins, ...twins] }, 17);
    await catchUpReports(db);
    const marks = async () =>
      (await db.selectFrom('report_checkins').select(['id', 'duplicate']).execute())
        .map((r) => `${r.id}:${Number(r.duplicate)}`)
        .sort();
    const incremental = { marks: await marks(), aggregates: await snapshot(db) };
    expect(incremental.marks.filter((m) => m.endsWith(':1')).length).toBeGreaterThan(10);
    await rebuildAggregates(db);
    expect({ marks: await marks(), aggregates: await snapshot(db) }).toEqual(incremental);
  });

  it('count what a person counts by hand: check-ins, guests, distinct visitors per day, new visitors', async () => {
    const t = await freshStore();
    const db = t.store.db;
    const city = testCity(3, START, 20, 10, 120);
    await pushShuffled(db, city, 5);
    await catchUpReports(db);
    const visitorOfCard = new Map(city.cards.map((c) => [c.id, c.visitorId]));
    const entries = city.checkins.filter((c) => c.direction === 'in');
    const daily = await db
      .selectFrom('report_daily')
      .select((eb) => [eb.fn.sum<number>('checkins').as('c'), eb.fn.sum<number>('guests').as('g')])
      .executeTakeFirstOrThrow();
    expect(Number(daily.c)).toBe(entries.length);
    expect(Number(daily.g)).toBe(entries.filter((c) => !c.cardId).length);

    const dayOf = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(ms);
    const byDay = new Map<string, Set<string>>();
    for (const c of entries)
      if (c.cardId) {
        const d = dayOf(c.deviceTime);
        byDay.set(d, (byDay.get(d) ?? new Set()).add(visitorOfCard.get(c.cardId) as string));
      }
    const counts = await db
      .selectFrom('report_visitor_counts')
      .selectAll()
      .where('kind', '=', 'd')
      .where('hub_id', '=', '*')
      .where('facet', '=', 'all')
      .execute();
    expect(
      Object.fromEntries(counts.filter((r) => r.visitors > 0).map((r) => [r.period, Number(r.visitors)])),
    ).toEqual(Object.fromEntries([...byDay].map(([d, s]) => [d, s.size])));
    const newTotal = counts.reduce((n, r) => n + Number(r.new_visitors), 0);
    expect(newTotal).toBe(new Set([...byDay.values()].flatMap((s) => [...s])).size);
  });
});
