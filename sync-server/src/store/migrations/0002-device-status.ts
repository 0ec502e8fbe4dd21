import type { Kysely } from 'kysely';

/**
 * What the server knows of each kiosk's health, updated on every authenticated request of the device: when it was
 * last seen, pulled and pushed, its app version, how far its clock is from the server's, and how many documents it
 * said were waiting to be pushed. The dashboard's Devices page and "city now" read it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('device_status')
    .addColumn('device_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_pull_at', 'bigint')
    .addColumn('last_push_at', 'bigint')
    .addColumn('app_version', 'varchar(40)')
    .addColumn('clock_offset_ms', 'bigint')
    .addColumn('pending_push', 'integer')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('device_status').execute();
}
