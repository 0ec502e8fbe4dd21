import type { Kysely } from 'kysely';

/**
 * What a kiosk reports of its disk and of the documents it can never push (issue 14, items 5 and 6): its storage
 * state ('ok' or 'full') and how many documents exceed the push body limit alone, with the first few named as
 * `collection/id`. The dashboard's Devices page shows both.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('device_status').addColumn('storage_state', 'varchar(8)').execute();
  await db.schema.alterTable('device_status').addColumn('too_large_count', 'integer').execute();
  await db.schema.alterTable('device_status').addColumn('too_large_ids', 'varchar(1000)').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('device_status').dropColumn('too_large_ids').execute();
  await db.schema.alterTable('device_status').dropColumn('too_large_count').execute();
  await db.schema.alterTable('device_status').dropColumn('storage_state').execute();
}
