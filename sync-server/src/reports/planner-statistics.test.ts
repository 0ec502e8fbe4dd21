import { describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { storeForEachTest } from '../testing/store-per-test';
import { refreshPlannerStatistics, StatisticsSchedule } from './planner-statistics';
import { statisticsRows } from './statistics-rows';

describe('the statistics schedule', () => {
  it('refreshes after the first 5 000 documents, then each time the reports have doubled', () => {
    const schedule = new StatisticsSchedule();
    const due: number[] = [];
    let total = 0;
    for (let page = 0; page < 40; page++) {
      total += 1_000;
      if (schedule.took(1_000)) due.push(total);
    }
    expect(due).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  it('counts small catch-ups together', () => {
    const schedule = new StatisticsSchedule(10);
    expect([3, 3, 3].map((n) => schedule.took(n))).toEqual([false, false, false]);
    expect(schedule.took(1)).toBe(true);
    expect(schedule.took(0)).toBe(false);
  });
});

describe.each(testStoreKinds())('refreshing planner statistics on %s', (kind) => {
  const freshStore = storeForEachTest(kind);

  it('gives the planner statistics of the report tables', async () => {
    const t = await freshStore();
    const db = t.store.db;
    await db
      .insertInto('report_checkins')
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          id: `c${i}`,
          hub_id: 'h',
          device_id: 'd',
          card_id: `card${i % 5}`,
          visitor_id: `v${i % 5}`,
          session_id: null,
          activity: '',
          target_group: '',
          direction: 'in',
          at: i,
          day: '2026-03-02',
          week: '2026-03-02',
          month: '2026-03',
          weekday: 1,
          hour: 9,
          duplicate: 0,
        })),
      )
      .execute();
    expect(await statisticsRows(t)).toBe(0);
    await refreshPlannerStatistics(db);
    expect(await statisticsRows(t)).toBeGreaterThan(0);
  });
});
