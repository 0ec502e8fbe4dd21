import type { Kysely } from 'kysely';

/**
 * Attendance and corrections (issue 18, items 4 and 5), report side; the documents themselves live in `documents`
 * like every replicated collection.
 * - report_annulments: the annulled check-ins (collection `annulments`), so the check-in projector leaves out one
 *   that arrives after its annulment, and the dashboard lists who annulled what, when and why; with the check-in's
 *   session, card, direction and time (null until the check-in is held), as report_checkins no longer has it.
 * - report_refusals: refused scans counted per kiosk, local day, hour and reason (collection `refusals`), for the
 *   dashboard's view of where they cluster. No personal data.
 * - report_enrolments gains the excuse's reason and who marked the attendance, for the session's roster page.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_annulments')
    .addColumn('checkin_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('hub_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('session_id', 'varchar(26)')
    .addColumn('card_id', 'varchar(26)')
    .addColumn('direction', 'varchar(3)')
    .addColumn('checkin_at', 'bigint')
    .addColumn('device_id', 'varchar(26)')
    .addColumn('annulled_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('reason', 'varchar(200)', (c) => c.notNull())
    .addColumn('annulled_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_annulments_hub')
    .on('report_annulments')
    .columns(['hub_id', 'annulled_at'])
    .execute();
  await db.schema
    .createIndex('report_annulments_session')
    .on('report_annulments')
    .columns(['session_id'])
    .execute();
  await db.schema
    .createTable('report_refusals')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('hub_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('device_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(24)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_refusals_day')
    .on('report_refusals')
    .columns(['day', 'hub_id'])
    .execute();
  await db.schema.alterTable('report_enrolments').addColumn('excuse_reason', 'varchar(200)').execute();
  await db.schema.alterTable('report_enrolments').addColumn('marked_by', 'varchar(80)').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('report_enrolments').dropColumn('marked_by').execute();
  await db.schema.alterTable('report_enrolments').dropColumn('excuse_reason').execute();
  await db.schema.dropTable('report_refusals').execute();
  await db.schema.dropTable('report_annulments').execute();
}
