import type { SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { newSecretToken, tokenHash } from './tokens';
import { toSessionUser } from './users';

export const SESSION_COOKIE = 'vg_session';
/** A coordinator's working day and a bit: long enough not to interrupt, short enough for a shared office PC. */
export const SESSION_TTL_MS = 12 * 3_600_000;

export async function createSession(db: Kysely<Database>, userId: string, now = Date.now()): Promise<string> {
  const token = newSecretToken();
  await db
    .insertInto('auth_sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      created_at: now,
      expires_at: now + SESSION_TTL_MS,
    })
    .execute();
  return token;
}

export async function sessionUser(
  db: Kysely<Database>,
  token: string,
  now = Date.now(),
): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('auth_sessions')
    .innerJoin('users', 'users.id', 'auth_sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.hub_ids'])
    .where('auth_sessions.token_hash', '=', tokenHash(token))
    // a disabled account's sessions are deleted when it is disabled; this is the belt to those braces
    .where('users.disabled_at', 'is', null)
    .where('auth_sessions.expires_at', '>', now)
    .executeTakeFirst();
  return row ? toSessionUser(row) : undefined;
}

/** Ends every session of a user at once (the account was disabled, or its password reset). */
export async function deleteUserSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('token_hash', '=', tokenHash(token)).execute();
}
