import type { Kysely } from 'kysely';

/**
 * Media of info-screen items (issue 17, item 1).
 * - media_files: uploaded images, their renditions per kiosk shape, and videos, as bytes (BLOB on SQLite, BYTEA on
 *   PostgreSQL). In the database rather than the data dir so a backup (sync-server/src/backup/: the SQLite file or
 *   pg_dump) carries them with the content documents that name them, and a restore brings back both or neither.
 *   Rows are never updated: an id names the same bytes for ever (the read route's cache is immutable).
 * - device_media: what each kiosk last said it keeps for offline play (one row per kiosk, replaced by each report).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  await db.schema
    .createTable('media_files')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('media_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('data', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'varchar(26)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('device_media')
    .addColumn('device_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('budget_bytes', 'bigint', (c) => c.notNull())
    .addColumn('file_count', 'integer', (c) => c.notNull())
    .addColumn('total_bytes', 'bigint', (c) => c.notNull())
    .addColumn('files_json', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'bigint', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('device_media').execute();
  await db.schema.dropTable('media_files').execute();
}
