import type { Kysely } from 'kysely';

/**
 * Proof of play (issue 17, item 6), report side: report_plays holds each kiosk's counter of one info-screen item
 * on one local day (collection `plays`, whose documents stay in `documents`), as last synced, with the day as a
 * column so the dashboard reads a range of days by index (a document's `at` is its last update, not its day).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_plays')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('hub_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('device_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('content_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('shows', 'integer', (c) => c.notNull())
    .addColumn('seconds', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_plays_day').on('report_plays').columns(['day', 'hub_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_plays').execute();
}
