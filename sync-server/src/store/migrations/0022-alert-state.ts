import type { Kysely } from 'kysely';

/**
 * The alerts open now, shared by every server instance on the store (issue 19): each instance used to keep its own
 * copy in memory, so a restart or a second instance sent the webhook an "opened" again for an alert already open.
 * One row per open alert; `since` is when it was first seen, `body` the alert as last evaluated (JSON).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_state')
    .addColumn('id', 'varchar(120)', (c) => c.primaryKey())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_state').execute();
}
