import type { Role, SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import type { Database } from '../store/schema';
import { hashPassword } from './passwords';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  hubId: string | null;
  password: string;
}

export async function createUser(db: Kysely<Database>, user: NewUser): Promise<SessionUser> {
  if (user.role === 'hub_lead' && !user.hubId) throw new Error('a hub lead needs a hub');
  const id = ulid();
  await db
    .insertInto('users')
    .values({
      id,
      email: user.email.toLowerCase(),
      name: user.name,
      role: user.role,
      hub_id: user.hubId,
      password_hash: await hashPassword(user.password),
      created_at: Date.now(),
    })
    .execute();
  return { id, email: user.email.toLowerCase(), name: user.name, role: user.role, hubId: user.hubId };
}

export function toSessionUser(row: {
  id: string;
  email: string;
  name: string;
  role: string;
  hub_id: string | null;
}): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, hubId: row.hub_id };
}
