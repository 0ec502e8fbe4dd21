import type { Checkin } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { putDocuments } from '../store/documents';
import { testStoreKinds } from '../store/test-stores';
import { storeForEachTest } from '../testing/store-per-test';
import { localTime } from './calendar';
import { catchUpReports } from './feed';
import { rebuildAggregates } from './rebuild';
import { HUBS, testId } from './test-city';

// Instants around Rome's 2026 changes (29 March 02:00→03:00, 25 October 03:00→02:00) and the days either side,
// with the local day, hour, weekday (0 = Monday) and week they belong to in the reports.
const CASES = [
  ['2026-03-28T00:00:00+01:00', '2026-03-28', 0, 5, '2026-03-23'],
  ['2026-03-28T23:59:00+01:00', '2026-03-28', 23, 5, '2026-03-23'],
  ['2026-03-29T00:00:00+01:00', '2026-03-29', 0, 6, '2026-03-23'],
  ['2026-03-29T01:59:00+01:00', '2026-03-29', 1, 6, '2026-03-23'],
  ['2026-03-29T03:00:00+02:00', '2026-03-29', 3, 6, '2026-03-23'],
  ['2026-03-29T19:00:00+02:00', '2026-03-29', 19, 6, '2026-03-23'],
  ['2026-03-29T23:59:00+02:00', '2026-03-29', 23, 6, '2026-03-23'],
  ['2026-03-30T00:00:00+02:00', '2026-03-30', 0, 0, '2026-03-30'],
  ['2026-10-24T23:59:00+02:00', '2026-10-24', 23, 5, '2026-10-19'],
  ['2026-10-25T00:00:00+02:00', '2026-10-25', 0, 6, '2026-10-19'],
  ['2026-10-25T02:30:00+02:00', '2026-10-25', 2, 6, '2026-10-19'],
  ['2026-10-25T02:30:00+01:00', '2026-10-25', 2, 6, '2026-10-19'],
  ['2026-10-25T03:00:00+01:00', '2026-10-25', 3, 6, '2026-10-19'],
  ['2026-10-25T18:30:00+01:00', '2026-10-25', 18, 6, '2026-10-19'],
  ['2026-10-25T23:59:00+01:00', '2026-10-25', 23, 6, '2026-10-19'],
  ['2026-10-26T00:00:00+01:00', '2026-10-26', 0, 0, '2026-10-26'],
] as const;

describe('report calendar on the days the clocks change', () => {
  it('files each instant under its local day, hour, weekday and week', () => {
    for (const [iso, day, hour, weekday, week] of CASES) {
      // Twice, and a minute later: the second reading of an hour may come from the cache of UTC hours.
      for (const at of [Date.parse(iso), Date.parse(iso), Date.parse(iso) + 59_000])
        expect(localTime(at), iso).toEqual({ day, hour, weekday, week, month: day.slice(0, 7) });
    }
  });
});

describe.each(testStoreKinds())('report day buckets and hours across the changes on %s', (kind) => {
  const freshStore = storeForEachTest(kind);

  it('count each check-in on its local day and hour, by the projections and by the rebuild alike', async () => {
    const t = await freshStore();
    const db = t.store.db;
    const hubId = HUBS[0] as string;
    const checkins: Checkin[] = CASES.map(([iso], i) => {
      const deviceTime = Date.parse(iso);
      return {
        id: testId('CHK', i),
        hubId,
        deviceId: testId('DEV', 0),
        guest: { ageBand: '18_29', firstVisit: true },
        direction: 'in',
        source: 'guest',
        deviceTime,
        hlc: `${deviceTime}-0000-x`,
        updatedAt: deviceTime,
      };
    });
    await putDocuments(
      db,
      checkins.map((body) => ({ collection: 'checkins', hubId, at: body.deviceTime, body })),
    );
    await catchUpReports(db);
    const expectedDaily: Record<string, number> = {};
    const expectedHourly: Record<string, number> = {};
    for (const [, day, hour] of CASES) {
      expectedDaily[day] = (expectedDaily[day] ?? 0) + 1;
      expectedHourly[`${day} ${hour}`] = (expectedHourly[`${day} ${hour}`] ?? 0) + 1;
    }
    const read = async () => {
      const daily = await db
        .selectFrom('report_daily')
        .select(['day', 'checkins'])
        .where('hub_id', '=', hubId)
        .execute();
      const hourly = await db
        .selectFrom('report_hourly')
        .select(['day', 'hour', 'checkins'])
        .where('hub_id', '=', hubId)
        .execute();
      return {
        daily: Object.fromEntries(
          daily.filter((r) => Number(r.checkins) > 0).map((r) => [r.day, Number(r.checkins)]),
        ),
        hourly: Object.fromEntries(
          hourly.filter((r) => Number(r.checkins) > 0).map((r) => [`${r.day} ${r.hour}`, Number(r.checkins)]),
        ),
      };
    };
    // The repeated 02:30 of 25 October counts twice in hour 2; 29 March has no hour 2 at all.
    expect(expectedHourly['2026-10-25 2']).toBe(2);
    expect(await read()).toEqual({ daily: expectedDaily, hourly: expectedHourly });
    await rebuildAggregates(db);
    expect(await read()).toEqual({ daily: expectedDaily, hourly: expectedHourly });
  });
});
