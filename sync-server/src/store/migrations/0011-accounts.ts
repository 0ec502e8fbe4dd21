import { type Kysely, sql } from 'kysely';

/**
 * Staff accounts (issue 15, items 1 and 3; auth/account-links.ts, auth/staff.ts):
 * - users gain `hub_ids` (a JSON array: a hub lead may lead several hubs; it replaces `hub_id`), `disabled_at`
 *   (a disabled account cannot sign in) and `last_login_at`;
 * - `account_links`: one-time links (the first administrator's setup link, invitations, password resets). Only the
 *   SHA-256 of a link's secret is kept, like sessions and API tokens, so a copy of the database opens nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('hub_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('users').addColumn('disabled_at', 'bigint').execute();
  await db.schema.alterTable('users').addColumn('last_login_at', 'bigint').execute();
  // TOTP second factor (RFC 6238): the confirmed secret, and one being enrolled (until its first code is checked)
  await db.schema.alterTable('users').addColumn('totp_secret', 'varchar(64)').execute();
  await db.schema.alterTable('users').addColumn('totp_pending', 'varchar(64)').execute();
  // JSON built by hand so the same statement runs on SQLite and PostgreSQL; a hub id is a ULID (no quotes).
  await sql`UPDATE users SET hub_ids = '["' || hub_id || '"]' WHERE hub_id IS NOT NULL`.execute(db);
  await db.schema.alterTable('users').dropColumn('hub_id').execute();

  await db.schema
    .createTable('account_links')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('email', 'varchar(200)', (c) => c.notNull())
    // the name to suggest on the accept page (`city admin create --name`); the person may change it
    .addColumn('name', 'varchar(120)')
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('hub_ids', 'text', (c) => c.notNull())
    // a reset's account; null for the setup link and invitations (the account does not exist yet)
    .addColumn('user_id', 'varchar(26)')
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('account_links_email').on('account_links').columns(['email']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_links').execute();
  await db.schema.alterTable('users').addColumn('hub_id', 'varchar(26)').execute();
  // the first hub of each hub lead: a lead of several hubs keeps one
  await sql`UPDATE users SET hub_id = substr(hub_ids, 3, 26) WHERE hub_ids <> '[]'`.execute(db);
  await db.schema.alterTable('users').dropColumn('totp_pending').execute();
  await db.schema.alterTable('users').dropColumn('totp_secret').execute();
  await db.schema.alterTable('users').dropColumn('last_login_at').execute();
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
  await db.schema.alterTable('users').dropColumn('hub_ids').execute();
}
