import type { Kysely } from 'kysely';

/**
 * A kiosk's data disk as it reports it with every sync request (issue 19, item 4): free space and size in whole MiB,
 * so a disk that is filling up is alerted before it is full (alerts/evaluate.ts `disk_low`).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('device_status').addColumn('disk_free_mib', 'integer').execute();
  await db.schema.alterTable('device_status').addColumn('disk_total_mib', 'integer').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('device_status').dropColumn('disk_total_mib').execute();
  await db.schema.alterTable('device_status').dropColumn('disk_free_mib').execute();
}
