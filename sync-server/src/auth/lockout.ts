import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/** Consecutive wrong passwords for one email before it is locked, and for how long. */
export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Failures older than this are forgotten: five typos over a month lock nobody. */
export const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Locks an account after repeated failed logins. Kept per email whether or not the account exists, so a
 * lockout never tells an attacker which addresses have accounts.
 */
export async function lockedUntil(
  db: Kysely<Database>,
  email: string,
  now = Date.now(),
): Promise<number | null> {
  const row = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('email', '=', email)
    .executeTakeFirst();
  const until = row?.locked_until == null ? null : Number(row.locked_until);
  return until !== null && until > now ? until : null;
}

export async function recordFailure(db: Kysely<Database>, email: string, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('login_failures')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    const recent = row && now - Number(row.last_failure_at) < FAILURE_WINDOW_MS ? row.failures : 0;
    const failures = recent + 1;
    const locked_until = failures >= LOCKOUT_AFTER_FAILURES ? now + LOCKOUT_MS : null;
    const values = { failures: locked_until ? 0 : failures, last_failure_at: now, locked_until };
    await tx
      .insertInto('login_failures')
      .values({ email, ...values })
      .onConflict((oc) => oc.column('email').doUpdateSet(values))
      .execute();
  });
}

export async function clearFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email).execute();
}
