import type { Role, SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import type { Database } from '../store/schema';
import { hashPassword } from './passwords';

/** A new account: its password in clear (hashed here), or already hashed with hashPassword (argon2id). */
export type NewUser = {
  email: string;
  name: string;
  role: Role;
  /** a hub lead's hubs (at least one); empty for every other role */
  hubIds: readonly string[];
} & ({ password: string } | { passwordHash: string });

/** The hubs a role keeps: a hub lead's own, nobody else's (a coordinator made from a hub lead sees the city). */
export function hubsOfRole(role: Role, hubIds: readonly string[]): string[] {
  return role === 'hub_lead' ? [...new Set(hubIds)] : [];
}

/** Creates an account (argon2id password hash). Throws when a hub lead has no hub: a programming error here. */
export async function createUser(
  db: Kysely<Database>,
  user: NewUser,
  now = Date.now(),
): Promise<SessionUser> {
  const hubIds = hubsOfRole(user.role, user.hubIds);
  if (user.role === 'hub_lead' && hubIds.length === 0) throw new Error('a hub lead needs a hub');
  const id = ulid(now);
  const email = user.email.toLowerCase();
  await db
    .insertInto('users')
    .values({
      id,
      email,
      name: user.name,
      role: user.role,
      hub_ids: JSON.stringify(hubIds),
      password_hash: 'passwordHash' in user ? user.passwordHash : await hashPassword(user.password),
      created_at: now,
      disabled_at: null,
      last_login_at: null,
      totp_secret: null,
      totp_pending: null,
    })
    .execute();
  return { id, email, name: user.name, role: user.role, hubIds };
}

/** The `hub_ids` column (a JSON array) as a list; anything else is no hub. */
export function parseHubIds(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function toSessionUser(row: {
  id: string;
  email: string;
  name: string;
  role: string;
  hub_ids: string;
}): SessionUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    hubIds: parseHubIds(row.hub_ids),
  };
}
