import type { Kysely } from 'kysely';

/**
 * Reports follow the change feed (sync-server/src/reports/feed.ts) instead of being projected inside every write:
 * `report_cursors` holds, per projected collection, the last change order already in the report tables.
 * A database whose reports were complete (projected in each write since 0004, and back-filled once: the
 * `reports_projected_at` setting) starts at its collections' current orders; any other starts at 0, so the feed
 * projects what is there.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_cursors')
    .addColumn('collection', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('last_order', 'bigint', (c) => c.notNull())
    .execute();
  const complete = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'reports_projected_at')
    .executeTakeFirst();
  for (const collection of ['cards', 'sessions', 'enrolments', 'checkins']) {
    const counter = complete
      ? await db
          .selectFrom('change_counters')
          .select('last_order')
          .where('collection', '=', collection)
          .executeTakeFirst()
      : undefined;
    await db
      .insertInto('report_cursors')
      .values({ collection, last_order: Number(counter?.last_order ?? 0) })
      .execute();
  }
  await db.deleteFrom('settings').where('key', '=', 'reports_projected_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_cursors').execute();
}
