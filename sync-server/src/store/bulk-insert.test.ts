import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../testing/store-per-test';
import { bulkInsert } from './bulk-insert';
import { testStoreKinds } from './test-stores';

describe.each(testStoreKinds())('bulkInsert on %s', (kind) => {
  const freshStore = storeForEachTest(kind);

  it('writes text, integers and nulls as given, and applies the ON CONFLICT tail to rows already there', async () => {
    const db = (await freshStore()).store.db;
    const row = (visitor_id: string, days: number) => ({
      visitor_id,
      first_day: '2026-03-02',
      last_day: '2026-03-09',
      days,
      hubs: 2,
      checkins: 12,
    });
    const columns = ['visitor_id', 'first_day', 'last_day', 'days', 'hubs', 'checkins'] as const;
    const integers = ['days', 'hubs', 'checkins'] as const;
    await bulkInsert(db, { table: 'report_visitors', rows: [row('a', 1), row('b', 2)], columns, integers });
    const returned = await bulkInsert<ReturnType<typeof row>, { visitor_id: string }>(db, {
      table: 'report_visitors',
      rows: [row('b', 7), row('c', 3)],
      columns,
      integers,
      tail: sql`ON CONFLICT (visitor_id) DO UPDATE SET days = report_visitors.days + excluded.days RETURNING visitor_id`,
    });
    expect(returned.map((r) => r.visitor_id).sort()).toEqual(['b', 'c']);
    const rows = await db.selectFrom('report_visitors').selectAll().orderBy('visitor_id').execute();
    expect(rows.map((r) => [r.visitor_id, Number(r.days), Number(r.checkins), r.first_day])).toEqual([
      ['a', 1, 12, '2026-03-02'],
      ['b', 9, 12, '2026-03-02'],
      ['c', 3, 12, '2026-03-02'],
    ]);
  });

  it('writes a null in a text column and a bigint beyond 32 bits, and nothing for no rows', async () => {
    const db = (await freshStore()).store.db;
    expect(await bulkInsert(db, { table: 'report_cursors', rows: [], columns: ['collection'] })).toEqual([]);
    await bulkInsert(db, {
      table: 'report_cards',
      rows: [
        {
          card_id: 'k1',
          visitor_id: 'v1',
          hub_id: 'h',
          alias: 'Ada',
          alias_key: 'ada',
          language: 'it',
          issuer: 'x',
          issued_at: 1_780_000_000_000,
          revoked: 0,
          revoked_at: 5,
          revoked_reason: null,
        },
      ],
      columns: [
        'card_id',
        'visitor_id',
        'hub_id',
        'alias',
        'alias_key',
        'language',
        'issuer',
        'issued_at',
        'revoked',
        'revoked_at',
        'revoked_reason',
      ],
      integers: ['issued_at', 'revoked', 'revoked_at'],
    });
    const card = await db.selectFrom('report_cards').selectAll().executeTakeFirstOrThrow();
    expect([card.revoked_reason, Number(card.revoked_at), Number(card.issued_at), card.alias]).toEqual([
      null,
      5,
      1_780_000_000_000,
      'Ada',
    ]);
  });
});
