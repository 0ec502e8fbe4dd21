import type { Kysely } from 'kysely';

/**
 * Recurring series planned from the dashboard (issue 18, item 2). A series keeps its RFC 5545 rule, first day,
 * wall-clock start and duration, and what every occurrence carries; each occurrence is a `sessions` document
 * (seriesId = the series). `planned_at` is the updatedAt the series last wrote its occurrences with: an occurrence
 * whose updatedAt is still that value has not been edited since (on a kiosk or from the dashboard), which is how
 * re-planning tells the untouched occurrences it may move from the ones it must leave alone.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('session_series')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('hub_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('operation_id', 'varchar(26)')
    .addColumn('rule', 'varchar(500)', (c) => c.notNull())
    .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('start_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('activity', 'varchar(120)', (c) => c.notNull())
    .addColumn('title', 'varchar(160)', (c) => c.notNull())
    .addColumn('target_group', 'varchar(32)', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('facilitator', 'varchar(80)', (c) => c.notNull())
    .addColumn('room', 'varchar(80)', (c) => c.notNull())
    .addColumn('planned_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_series_hub').on('session_series').columns(['hub_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_series').execute();
}
