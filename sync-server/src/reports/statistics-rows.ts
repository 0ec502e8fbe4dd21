import { sql } from 'kysely';
import type { TestStore } from '../store/test-stores';

/** How many statistics rows the planner holds for report_checkins: pg_stats on PostgreSQL, sqlite_stat1 on SQLite. */
export async function statisticsRows(t: TestStore): Promise<number> {
  const query =
    t.store.kind === 'postgres'
      ? sql<{ n: number }>`select count(*) as n from pg_stats where tablename = 'report_checkins'`
      : sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`;
  const exists = Number((await query.execute(t.store.db)).rows[0]?.n ?? 0);
  if (t.store.kind === 'postgres' || exists === 0) return exists;
  const rows = await sql<{
    n: number;
  }>`select count(*) as n from sqlite_stat1 where tbl = 'report_checkins'`.execute(t.store.db);
  return Number(rows.rows[0]?.n ?? 0);
}
