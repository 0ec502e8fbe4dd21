import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema';
import { AGGREGATE_TABLES } from './rebuild';

/** The tables the projectors look rows up in by key lists, and the dashboard's queries read. */
const REPORT_TABLES = [
  'report_cards',
  'report_checkins',
  'report_sessions',
  'report_enrolments',
  ...AGGREGATE_TABLES,
] as const satisfies ReadonlyArray<keyof Database>;

/**
 * When to refresh the query planner's statistics of the report tables: each time the reports have taken in as
 * many documents as they had before the last refresh (after 5 000, 10 000, 20 000, … in this process), so a
 * refresh happens a few times while tables grow fast and rarely after.
 *
 * Why: PostgreSQL plans a lookup like `visitor_id IN (…200 ids…)` from the column's statistics. A table that has
 * never been analyzed has none, the planner assumes such a list matches every row, and scans the whole table for
 * every page of a catch-up: after a burst of pushes on a new city database, the reports took 40 s to catch up on
 * 150 000 check-ins (`npm run bench:sync`). Autovacuum analyzes only after a minute and a share of the table
 * changed. A refresh samples each table once (ANALYZE reads a fixed-size sample on PostgreSQL, and on SQLite a
 * bounded one, see `analysis_limit` in store/database.ts), so it costs far less than the scans it saves.
 */
export class StatisticsSchedule {
  private sinceRefresh = 0;
  private beforeRefresh = 0;

  constructor(private readonly first = 5_000) {}

  /** Counts documents taken into the reports; true when the statistics are due for a refresh. */
  took(documents: number): boolean {
    this.sinceRefresh += documents;
    if (this.sinceRefresh < Math.max(this.first, this.beforeRefresh)) return false;
    this.beforeRefresh += this.sinceRefresh;
    this.sinceRefresh = 0;
    return true;
  }
}

/** ANALYZE, one table a statement: the same text on SQLite and PostgreSQL. */
export async function refreshPlannerStatistics(db: Kysely<Database>): Promise<void> {
  for (const table of REPORT_TABLES) await sql`analyze ${sql.table(table)}`.execute(db);
}
