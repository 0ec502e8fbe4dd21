import type { Kysely } from 'kysely';

/**
 * `report_checkins.duplicate`: 1 for an entry of a card that another kiosk of the same hub had already taken
 * within the repeat-scan window (two kiosks offline at the same time each admitted the card). The check-in stays
 * stored and projected; aggregates count only the rows marked 0 (sync-server/src/reports/duplicates.ts).
 * The reports held so far counted duplicates: they are emptied and their cursors set back to 0, so the report feed
 * projects every stored document again (in the background, page by page, like a database that never had
 * reports). The index serves the dashboard's count of duplicates over a range of days.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report_checkins')
    .addColumn('duplicate', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('report_checkins_duplicate')
    .on('report_checkins')
    .columns(['duplicate', 'day', 'hub_id'])
    .execute();
  for (const table of PROJECTED_TABLES) await db.deleteFrom(table).execute();
  await db.updateTable('report_cursors').set({ last_order: 0 }).execute();
}

/** Every table the report feed fills from the documents, as of this migration. */
const PROJECTED_TABLES = [
  'report_cards',
  'report_checkins',
  'report_sessions',
  'report_enrolments',
  'report_visitor_days',
  'report_daily',
  'report_hourly',
  'report_visitor_counts',
  'report_visitors',
  'report_flows',
  'report_esf',
];

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('report_checkins_duplicate').execute();
  await db.schema.alterTable('report_checkins').dropColumn('duplicate').execute();
}
