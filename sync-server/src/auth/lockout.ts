import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema';

/**
 * Login throttling with growing delays, never a lockout a stranger can cause (OWASP Authentication Cheat Sheet,
 * "Account lockout": exponential delays rather than a fixed lock, so an attacker cannot deny the real user).
 *
 * - per account and address: a few typos are free, then each further failure doubles the wait before that address
 *   may try that account again. This is what stops a guesser; the real user at another address is not affected.
 * - per address, whatever the account: the same growing delay, later, against one address spraying many accounts.
 * - per account, from anywhere: past a high ceiling (a distributed attack) an address has no free failures left
 *   for that account, so every further miss earns a delay at once. An address that has not failed is never held
 *   back: the right password from a new address always gets in.
 * Counters are forgotten after FORGET_AFTER_MS without a failure; a successful login clears its own pair.
 */
export const THROTTLE = {
  /** failures of one account from one address before delays start */
  pairFreeFailures: 3,
  /** failures from one address (any account) before delays start */
  addressFreeFailures: 10,
  /** failures of one account from all addresses after which no address gets free failures for it */
  accountCeiling: 100,
  /** the first delay; each further failure doubles it */
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
} as const;

/** Who is trying: the account (lower-cased email) and the client address (request.ip, proxy-aware). */
export interface LoginAttempt {
  email: string;
  address: string;
}

const pairKey = (a: LoginAttempt) => `pair:${a.email} ${a.address}`;
const addressKey = (a: LoginAttempt) => `address:${a.address}`;
const accountKey = (a: LoginAttempt) => `account:${a.email}`;

/** The wait in ms after the `failures`-th failure when the first `free` cost nothing: 0, then 1 s, 2 s, 4 s … */
export function backoffMs(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(THROTTLE.baseDelayMs * 2 ** Math.min(failures - free - 1, 30), THROTTLE.maxDelayMs);
}

/**
 * How long this address must still wait before trying this account, in ms, or null when it may try now. Only the
 * attempt's own pair and address count: other addresses' failures never hold it back.
 */
export function loginRetryAfterMs(
  db: Kysely<Database>,
  attempt: LoginAttempt,
  now = Date.now(),
): Promise<number | null> {
  return retryAfterMs(db, [pairKey(attempt), addressKey(attempt)], now);
}

/** The longest wait still due under any of `keys`, in ms, or null when none holds the caller back. */
export async function retryAfterMs(
  db: Kysely<Database>,
  keys: readonly string[],
  now = Date.now(),
): Promise<number | null> {
  const rows = await db
    .selectFrom('login_throttle')
    .select('blocked_until')
    .where('key', 'in', [...keys])
    .execute();
  const until = Math.max(0, ...rows.map((r) => Number(r.blocked_until ?? 0)));
  return until > now ? until - now : null;
}

/**
 * Counts a failure under `key` and sets the wait it earns after `free` free failures (backoffMs). For other
 * guessable secrets than passwords (enrolment codes: devices/routes.ts), in the same table.
 */
export async function recordThrottledFailure(
  db: Kysely<Database>,
  key: string,
  free: number,
  now = Date.now(),
): Promise<void> {
  await delay(db, key, backoffMs(await countFailure(db, key, now), free), now);
}

/** Counts one failure under `key` (starting again after a quiet FORGET_AFTER_MS) and returns the new count. */
async function countFailure(db: Kysely<Database>, key: string, now: number): Promise<number> {
  const staleBefore = now - THROTTLE.forgetAfterMs;
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, last_failure_at: now, blocked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // one statement, so concurrent failures (PostgreSQL) are all counted
        failures: sql<number>`case when login_throttle.last_failure_at < ${staleBefore} then 1 else login_throttle.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

async function delay(db: Kysely<Database>, key: string, ms: number, now: number): Promise<void> {
  if (ms > 0)
    await db
      .updateTable('login_throttle')
      .set({ blocked_until: now + ms })
      .where('key', '=', key)
      .execute();
}

/** Records a wrong password (or an unknown account: the same, so throttling never tells which accounts exist). */
export async function recordLoginFailure(
  db: Kysely<Database>,
  attempt: LoginAttempt,
  now = Date.now(),
): Promise<void> {
  const account = await countFailure(db, accountKey(attempt), now);
  const pair = await countFailure(db, pairKey(attempt), now);
  const address = await countFailure(db, addressKey(attempt), now);
  const pairFree = account >= THROTTLE.accountCeiling ? 0 : THROTTLE.pairFreeFailures;
  await delay(db, pairKey(attempt), backoffMs(pair, pairFree), now);
  await delay(db, addressKey(attempt), backoffMs(address, THROTTLE.addressFreeFailures), now);
}

/** After a successful login: this address's failures for this account are forgotten. */
export async function clearLoginFailures(db: Kysely<Database>, attempt: LoginAttempt): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', pairKey(attempt)).execute();
}

/** Forgets counters quiet for longer than FORGET_AFTER_MS (they would restart at 1 anyway); returns how many. */
export async function pruneLoginThrottle(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const result = await db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', now - THROTTLE.forgetAfterMs)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
