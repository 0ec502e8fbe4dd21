import type { Kysely } from 'kysely';

/**
 * The dashboard's tables (issue 8):
 * - report_*: typed projections of the replicated collections and pre-aggregates kept exact by projectors in the
 *   transaction of every write (sync-server/src/reports). Days are local (Europe/Rome) `YYYY-MM-DD` strings, weeks
 *   the Monday's day, months `YYYY-MM`; '*' as a hub id stands for the whole city.
 * - people, person_disadvantages, people_log: visitors' personal data, kept on the server only, with consent.
 * - content_images: info-screen pictures (base64 text: the same column type on SQLite and PostgreSQL).
 * - login_failures: repeated wrong passwords per account, for the lockout.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  const id = 'varchar(26)';
  await db.schema
    .createTable('report_cards')
    .addColumn('card_id', id, (c) => c.primaryKey())
    .addColumn('visitor_id', id, (c) => c.notNull())
    .addColumn('hub_id', id, (c) => c.notNull())
    .addColumn('alias', 'varchar(40)', (c) => c.notNull())
    .addColumn('alias_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('language', 'varchar(2)', (c) => c.notNull())
    .addColumn('issuer', id, (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_reason', 'varchar(10)')
    .execute();
  await db.schema.createIndex('report_cards_visitor').on('report_cards').column('visitor_id').execute();
  await db.schema.createIndex('report_cards_alias').on('report_cards').column('alias_key').execute();
  await db.schema.createIndex('report_cards_hub').on('report_cards').column('hub_id').execute();

  await db.schema
    .createTable('report_checkins')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('hub_id', id, (c) => c.notNull())
    .addColumn('device_id', id, (c) => c.notNull())
    .addColumn('card_id', id)
    .addColumn('visitor_id', id)
    .addColumn('session_id', id)
    .addColumn('activity', 'varchar(120)', (c) => c.notNull())
    .addColumn('target_group', 'varchar(40)', (c) => c.notNull())
    .addColumn('direction', 'varchar(3)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('week', 'varchar(10)', (c) => c.notNull())
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_checkins_visitor')
    .on('report_checkins')
    .columns(['visitor_id', 'day'])
    .execute();
  await db.schema.createIndex('report_checkins_session').on('report_checkins').column('session_id').execute();
  await db.schema.createIndex('report_checkins_card').on('report_checkins').column('card_id').execute();
  await db.schema
    .createIndex('report_checkins_day')
    .on('report_checkins')
    .columns(['day', 'hub_id', 'at'])
    .execute();

  await db.schema
    .createTable('report_daily')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('week', 'varchar(10)', (c) => c.notNull())
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('hub_id', id, (c) => c.notNull())
    .addColumn('activity', 'varchar(120)', (c) => c.notNull())
    .addColumn('target_group', 'varchar(40)', (c) => c.notNull())
    .addColumn('checkins', 'integer', (c) => c.notNull())
    .addColumn('guests', 'integer', (c) => c.notNull())
    .addColumn('visitor_days', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_daily_pk', ['day', 'hub_id', 'activity', 'target_group'])
    .execute();

  await db.schema
    .createTable('report_hourly')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('hub_id', id, (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('checkins', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_hourly_pk', ['day', 'hub_id', 'hour'])
    .execute();

  await db.schema
    .createTable('report_visitor_days')
    .addColumn('visitor_id', id, (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('hub_id', id, (c) => c.notNull())
    .addColumn('activity', 'varchar(120)', (c) => c.notNull())
    .addColumn('target_group', 'varchar(40)', (c) => c.notNull())
    .addColumn('week', 'varchar(10)', (c) => c.notNull())
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('checkins', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_visitor_days_pk', [
      'visitor_id',
      'day',
      'hub_id',
      'activity',
      'target_group',
    ])
    .execute();

  await db.schema
    .createTable('report_visitor_counts')
    .addColumn('kind', 'varchar(1)', (c) => c.notNull())
    .addColumn('hub_id', id, (c) => c.notNull())
    .addColumn('facet', 'varchar(130)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('visitors', 'integer', (c) => c.notNull())
    .addColumn('new_visitors', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_visitor_counts_pk', ['kind', 'hub_id', 'facet', 'period'])
    .execute();

  await db.schema
    .createTable('report_visitors')
    .addColumn('visitor_id', id, (c) => c.primaryKey())
    .addColumn('first_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('last_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('hubs', 'integer', (c) => c.notNull())
    .addColumn('checkins', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_visitors_hubs').on('report_visitors').column('hubs').execute();

  await db.schema
    .createTable('report_flows')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('from_hub', id, (c) => c.notNull())
    .addColumn('to_hub', id, (c) => c.notNull())
    .addColumn('moves', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_flows_pk', ['day', 'from_hub', 'to_hub'])
    .execute();

  await db.schema
    .createTable('report_esf')
    .addColumn('year', 'varchar(4)', (c) => c.notNull())
    .addColumn('hub_id', id, (c) => c.notNull())
    .addColumn('indicator', 'varchar(20)', (c) => c.notNull())
    .addColumn('value', 'varchar(40)', (c) => c.notNull())
    .addColumn('participants', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_esf_pk', ['year', 'hub_id', 'indicator', 'value'])
    .execute();

  await db.schema
    .createTable('report_sessions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('hub_id', id, (c) => c.notNull())
    .addColumn('activity', 'varchar(120)', (c) => c.notNull())
    .addColumn('target_group', 'varchar(40)', (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('title', 'varchar(160)', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('facilitator', 'varchar(80)', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('enrolled', 'integer', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('checkins', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_sessions_day')
    .on('report_sessions')
    .columns(['day', 'hub_id'])
    .execute();

  await db.schema
    .createTable('report_enrolments')
    .addColumn('id', 'varchar(53)', (c) => c.primaryKey())
    .addColumn('session_id', id, (c) => c.notNull())
    .addColumn('hub_id', id, (c) => c.notNull())
    .addColumn('card_id', id, (c) => c.notNull())
    .addColumn('alias', 'varchar(40)', (c) => c.notNull())
    .addColumn('walk_in', 'integer', (c) => c.notNull())
    .addColumn('attendance', 'varchar(8)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_enrolments_session')
    .on('report_enrolments')
    .column('session_id')
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('visitor_id', id, (c) => c.primaryKey())
    .addColumn('hub_id', id, (c) => c.notNull())
    .addColumn('first_name', 'varchar(80)', (c) => c.notNull())
    .addColumn('last_name', 'varchar(80)', (c) => c.notNull())
    .addColumn('email', 'varchar(200)')
    .addColumn('phone', 'varchar(24)')
    .addColumn('birth_year', 'integer')
    .addColumn('gender', 'varchar(20)')
    .addColumn('employment', 'varchar(30)')
    .addColumn('education', 'varchar(20)')
    .addColumn('disadvantaged_recorded', 'integer', (c) => c.notNull())
    .addColumn('search_key', 'varchar(400)', (c) => c.notNull())
    .addColumn('consent_at', 'bigint', (c) => c.notNull())
    .addColumn('consent_by', id, (c) => c.notNull())
    .addColumn('consent_text_version', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_hub').on('people').column('hub_id').execute();
  await db.schema
    .createTable('person_disadvantages')
    .addColumn('visitor_id', id, (c) => c.notNull())
    .addColumn('grp', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_disadvantages_pk', ['visitor_id', 'grp'])
    .execute();
  await db.schema
    .createTable('people_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('visitor_id', id, (c) => c.notNull())
    .addColumn('action', 'varchar(20)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('by_user', id, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('content_images')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('media_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', id, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('email', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'login_failures',
    'content_images',
    'people_log',
    'person_disadvantages',
    'people',
    'report_enrolments',
    'report_sessions',
    'report_esf',
    'report_flows',
    'report_visitors',
    'report_visitor_counts',
    'report_visitor_days',
    'report_hourly',
    'report_daily',
    'report_checkins',
    'report_cards',
  ])
    await db.schema.dropTable(table).execute();
}
