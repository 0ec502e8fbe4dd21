import type { Kysely } from 'kysely';

/**
 * Login throttling by address and by account with growing delays (auth/lockout.ts) replaces the per-account lockout
 * a stranger could trigger: `login_throttle` holds one counter per key (`pair:<email> <address>`,
 * `address:<address>`, `account:<email>`, and `enrol:<address>` for enrolment codes). The old lockouts are dropped with their table: they end in 15 minutes
 * anyway, and they were the flaw.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
    .addColumn('blocked_until', 'bigint')
    .execute();
  await db.schema.dropTable('login_failures').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('email', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .execute();
  await db.schema.dropTable('login_throttle').execute();
}
