import type { Kysely } from 'kysely';

/**
 * Funded operations and their participants (issue 18, items 1 and 3): the records the ESF+ report is made from.
 * - operations: a funded operation (the funder's code, dates, target group, planned hours) that groups sessions.
 * - operation_hubs: the hubs an operation runs at.
 * - participants: one person's participation in one operation, with the snapshot of their characteristics on the
 *   day they entered (JSON, packages/protocol ParticipantSnapshot) that later edits of the person never change, the
 *   exit, and the results at exit and six months later (JSON, ResultAtExit / ResultAfterSixMonths). Personal data:
 *   server only, never replicated; erasing a person (people/erasure.ts) must erase their participations too.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('operations')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(60)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('ends_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('target_group', 'varchar(32)', (c) => c.notNull())
    .addColumn('planned_minutes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('operation_hubs')
    .addColumn('operation_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('hub_id', 'varchar(26)', (c) => c.notNull())
    .addPrimaryKeyConstraint('operation_hubs_pk', ['operation_id', 'hub_id'])
    .execute();
  await db.schema
    .createTable('participants')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('operation_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('visitor_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('entry_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('entry_snapshot', 'text', (c) => c.notNull())
    .addColumn('exit_date', 'varchar(10)')
    .addColumn('exit_reason', 'varchar(20)')
    .addColumn('result_exit', 'text')
    .addColumn('result_six_months', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('participants_once', ['operation_id', 'visitor_id'])
    .execute();
  await db.schema.createIndex('participants_visitor').on('participants').columns(['visitor_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('participants').execute();
  await db.schema.dropTable('operation_hubs').execute();
  await db.schema.dropTable('operations').execute();
}
