/**
 * One million check-ins (bulk writes of 10 000): the file reopens, "check-ins of today for this hub" and a
 * card's history return exactly the expected documents through their indexes, counts are right, and the
 * changes feed continues from the end. Timings are printed for information (no timing assertions: see
 * `npm run bench:storage` for the figures).
 */
import type { MangoQuerySelector } from 'rxdb';
import { getChangedDocumentsSince, normalizeMangoQuery, prepareQuery, randomToken } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { explainQuery } from './query.ts';
import { getRxStorageBetterSqlite3 } from './storage.ts';
import { type Checkin, checkinSchema } from './test-support/fixtures.ts';
import { DAY, syntheticCheckin, threeYearStep } from './test-support/synthetic-checkins.ts';
import { useTempStorage } from './test-support/temp-storage.ts';
import type { BetterSqlite3Internals } from './types.ts';

// The file is filled like a bulk import: durability 'normal' (no fsync per batch) and a 256 MiB page cache
// (random inserts into the card index need it). This test is about scale and answers; durability has its
// own tests (crash.test.ts, settings.test.ts). Everything after the fill runs with the default settings.
const env = useTempStorage();
const bulkLoad = { durability: 'normal' as const, cacheSizeKiB: 262_144 };

/** RxDB adds this to every collection query; the storage's indexes all start with _deleted. */
const LIVE = { _deleted: { $eq: false } } as MangoQuerySelector<Checkin>;
const TOTAL = 1_000_000;
const BATCH = 10_000;
const START = Date.UTC(2024, 0, 1);
const STEP = threeYearStep(TOTAL);
const checkin = (n: number) => syntheticCheckin(n, START, STEP);

describe('one million documents', () => {
  it('writes, reopens and queries 1 000 000 check-ins', { timeout: 240_000 }, async () => {
    const databaseName = `million${randomToken(6)}`;
    const schema = checkinSchema();
    const writer = await env.open<Checkin>({
      databaseName,
      collectionName: 'checkins',
      schema,
      storage: getRxStorageBetterSqlite3({ directory: env.dir(), ...bulkLoad }),
    });
    const writeStart = performance.now();
    for (let first = 0; first < TOTAL; first += BATCH) {
      const rows = Array.from({ length: BATCH }, (_v, i) => ({ document: checkin(first + i) }));
      const result = await writer.bulkWrite(rows, 'million');
      expect(result.error).toEqual([]);
    }
    const writeMs = performance.now() - writeStart;
    await writer.close();

    const openStart = performance.now();
    const reader = await env.open<Checkin>({ databaseName, collectionName: 'checkins', schema });
    const openMs = performance.now() - openStart;

    const all = prepareQuery(schema, normalizeMangoQuery<Checkin>(schema, { selector: {} }));
    expect((await reader.count(all)).count).toBe(TOTAL);

    const hub = 'HUB00000000000000000000003';
    const day = START + 400 * DAY;
    const expected: string[] = [];
    for (let n = Math.floor((day - START) / STEP) - 2; START + n * STEP < day + DAY; n++) {
      const doc = checkin(n);
      if (doc.hubId === hub && doc.deviceTime >= day) expected.push(doc.id);
    }
    const today = prepareQuery(
      schema,
      normalizeMangoQuery<Checkin>(schema, {
        selector: { ...LIVE, hubId: hub, deviceTime: { $gte: day, $lt: day + DAY } },
        sort: [{ deviceTime: 'asc' }],
      }),
    );
    const internals = reader.internals as BetterSqlite3Internals;
    const target = { connection: internals.connection, layout: internals.layout, schema };
    expect(explainQuery(target, today).join('\n')).not.toMatch(/\bSCAN\b/);
    const queryStart = performance.now();
    const todays = await reader.query(today);
    const queryMs = performance.now() - queryStart;
    expect(todays.documents.map((d) => d.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(50);

    const card = prepareQuery(
      schema,
      normalizeMangoQuery<Checkin>(schema, {
        selector: { ...LIVE, cardId: 'CARD0000000000000000012345' },
        sort: [{ deviceTime: 'desc' }],
      }),
    );
    const history = await reader.query(card);
    expect(history.documents.map((d) => d.id)).toEqual(
      Array.from({ length: TOTAL / 20_000 }, (_v, k) => checkin(12_345 + k * 20_000).id).reverse(),
    );

    const sample = [0, 1, 499_999, 999_999].map((n) => checkin(n).id);
    expect((await reader.findDocumentsById(sample, false)).map((d) => d.id)).toEqual(sample);

    const last = checkin(TOTAL - 1);
    const tail = await getChangedDocumentsSince(reader, 10, {
      id: checkin(TOTAL - 3).id,
      lwt: checkin(TOTAL - 3)._meta.lwt,
    });
    expect(tail.documents.map((d) => d.id)).toEqual([checkin(TOTAL - 2).id, last.id]);

    console.log(
      `1M check-ins: write ${(writeMs / 1000).toFixed(1)} s, reopen ${openMs.toFixed(1)} ms, ` +
        `today's check-ins of one hub (${todays.documents.length}) ${queryMs.toFixed(2)} ms`,
    );
  });
});
