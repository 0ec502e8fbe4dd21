import type { Kysely } from 'kysely';

/**
 * Kiosk administration (issue 15, item 5) and the audit log's filters (item 6).
 * - device_details: what the server alone keeps about a kiosk beyond its replicated document (the devices
 *   collection, whose schema kiosks share): its place in the hub, and how its life ended (retired, or moved to
 *   another hub, where it comes back under a new identity). One row per device that has any of these.
 * - enrolment_codes.place / replaces_device: a code made to move a kiosk carries its place and the identity it
 *   replaces, so the enrolment that spends it records both.
 * - audit_log indexes for the page's filters, each with the id (the page's order: newest first).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('device_details')
    .addColumn('device_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('place', 'varchar(120)')
    .addColumn('retired_at', 'bigint')
    .addColumn('retired_by', 'varchar(40)')
    .addColumn('moved_to_hub', 'varchar(26)')
    .addColumn('replaces_device', 'varchar(26)')
    .execute();
  await db.schema.alterTable('enrolment_codes').addColumn('place', 'varchar(120)').execute();
  await db.schema.alterTable('enrolment_codes').addColumn('replaces_device', 'varchar(26)').execute();
  for (const column of ['action', 'actor_id', 'target_type', 'hub_id'])
    await db.schema.createIndex(`audit_log_${column}`).on('audit_log').columns([column, 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['action', 'actor_id', 'target_type', 'hub_id'])
    await db.schema.dropIndex(`audit_log_${column}`).execute();
  await db.schema.alterTable('enrolment_codes').dropColumn('replaces_device').execute();
  await db.schema.alterTable('enrolment_codes').dropColumn('place').execute();
  await db.schema.dropTable('device_details').execute();
}
