import type {
  Hub,
  IssuedAccountLink,
  PendingInvite,
  Role,
  SessionUser,
  StaffList,
  StaffMember,
} from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit, userActor } from '../audit/audit-log';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { issueAccountLink } from './account-links';
import { deleteUserSessions } from './sessions';
import { hubsOfRole, parseHubIds, toSessionUser } from './users';

type UserRow = Database['users'];

function toMember(row: UserRow): StaffMember {
  return {
    ...toSessionUser(row),
    state: row.disabled_at == null ? 'active' : 'disabled',
    lastLoginAt: row.last_login_at == null ? null : Number(row.last_login_at),
    createdAt: Number(row.created_at),
    totp: row.totp_secret != null,
  };
}

/** Every account by name, and the invitations still waiting (not used, not expired), newest first. */
export async function listStaff(db: Kysely<Database>, now = Date.now()): Promise<StaffList> {
  const users = await db.selectFrom('users').selectAll().orderBy('name').execute();
  const invites = await db
    .selectFrom('account_links')
    .select(['email', 'role', 'hub_ids', 'expires_at'])
    .where('kind', '=', 'invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  const pending: PendingInvite[] = invites.map((i) => ({
    email: i.email,
    role: i.role as Role,
    hubIds: parseHubIds(i.hub_ids),
    expiresAt: Number(i.expires_at),
  }));
  return { users: users.map(toMember), invites: pending };
}

/**
 * The hubs a role gets, checked: a hub lead needs at least one hub and every hub must exist; other roles get none
 * (whatever was sent). Throws ApiFailure validation_failed or not_found.
 */
async function checkedHubs(db: Kysely<Database>, role: Role, hubIds: readonly string[]): Promise<string[]> {
  const hubs = hubsOfRole(role, hubIds);
  if (role !== 'hub_lead') return hubs;
  if (hubs.length === 0)
    throw fieldFailure(
      'validation_failed',
      '/hubIds',
      'required',
      'scegli almeno un hub per il responsabile di hub',
    );
  const known = new Set((await listDocuments<Hub>(db, 'hubs')).map((h) => h.id));
  const unknown = hubs.filter((h) => !known.has(h));
  if (unknown.length > 0) throw new ApiFailure('not_found', `hub inesistente: ${unknown.join(', ')}`);
  return hubs;
}

async function userRow(db: Kysely<Database> | Transaction<Database>, userId: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw new ApiFailure('not_found', `l'account ${userId} non esiste`);
  return row;
}

/**
 * Refuses a change that would leave the city without an active admin (the last one demoted or disabled): nobody
 * could then manage staff from the dashboard. Throws ApiFailure conflict.
 */
async function keepAnAdmin(tx: Transaction<Database>, losing: UserRow): Promise<void> {
  if (losing.role !== 'admin' || losing.disabled_at != null) return;
  const others = await tx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '!=', losing.id)
    .executeTakeFirst();
  if (!others)
    throw new ApiFailure('conflict', 'serve almeno un amministratore attivo: nominane prima un altro');
}

/**
 * Invites a person: a one-time link valid 7 days granting `role` (and a hub lead's hubs). Throws ApiFailure
 * conflict when the e-mail already has an account, validation_failed/not_found for the hubs; audit `user.invite`.
 */
export async function inviteStaff(
  db: Kysely<Database>,
  by: SessionUser,
  input: { email: string; role: Role; hubIds: readonly string[] },
  baseUrl: string,
  now = Date.now(),
): Promise<IssuedAccountLink> {
  const email = input.email.toLowerCase();
  const hubIds = await checkedHubs(db, input.role, input.hubIds);
  return db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken)
      throw fieldFailure('conflict', '/email', 'email_taken', `esiste già un account con l'e-mail ${email}`);
    const link = await issueAccountLink(
      tx,
      { kind: 'invite', email, role: input.role, hubIds },
      by.id,
      baseUrl,
      now,
    );
    await recordAudit(
      tx,
      {
        actor: userActor(by),
        action: 'user.invite',
        target: { type: 'invite', id: email },
        after: { email, role: input.role, hubIds, expiresAt: link.expiresAt },
      },
      now,
    );
    return { url: link.url, kind: 'invite', email, expiresAt: link.expiresAt, emailed: false };
  });
}

/**
 * Changes one account in a transaction: `guard` may refuse after reading it, `change` writes; the audit entry
 * `action` keeps the account before and after. Throws ApiFailure not_found for an unknown account.
 */
async function updateAccount(
  db: Kysely<Database>,
  by: SessionUser,
  userId: string,
  action: string,
  steps: {
    guard: (tx: Transaction<Database>, before: UserRow) => Promise<void>;
    change: (tx: Transaction<Database>, before: UserRow) => Promise<unknown>;
  },
  now: number,
): Promise<StaffMember> {
  return db.transaction().execute(async (tx) => {
    const before = await userRow(tx, userId);
    await steps.guard(tx, before);
    await steps.change(tx, before);
    const after = toMember(await userRow(tx, userId));
    await recordAudit(
      tx,
      { actor: userActor(by), action, target: { type: 'user', id: userId }, before: toMember(before), after },
      now,
    );
    return after;
  });
}

/**
 * Changes an account's role and a hub lead's hubs (audit `user.role_change`, before and after). The last active
 * admin cannot be demoted. Takes effect at the account's next request: the session reads the role each time.
 */
export async function changeStaffRole(
  db: Kysely<Database>,
  by: SessionUser,
  userId: string,
  input: { role: Role; hubIds: readonly string[] },
  now = Date.now(),
): Promise<StaffMember> {
  const hubIds = await checkedHubs(db, input.role, input.hubIds);
  return updateAccount(
    db,
    by,
    userId,
    'user.role_change',
    {
      guard: async (tx, before) => {
        if (input.role !== 'admin') await keepAnAdmin(tx, before);
      },
      change: (tx) =>
        tx
          .updateTable('users')
          .set({ role: input.role, hub_ids: JSON.stringify(hubIds) })
          .where('id', '=', userId)
          .execute(),
    },
    now,
  );
}

/**
 * Disables an account (its sessions end at once, it can no longer sign in) or enables it again; audit
 * `user.disable` / `user.enable`. An admin cannot disable their own account, nor the last active admin.
 */
export async function setStaffDisabled(
  db: Kysely<Database>,
  by: SessionUser,
  userId: string,
  disabled: boolean,
  now = Date.now(),
): Promise<StaffMember> {
  if (disabled && userId === by.id)
    throw new ApiFailure('conflict', 'non puoi disattivare il tuo stesso account');
  return updateAccount(
    db,
    by,
    userId,
    disabled ? 'user.disable' : 'user.enable',
    {
      guard: async (tx, before) => {
        if (disabled) await keepAnAdmin(tx, before);
      },
      change: async (tx, before) => {
        await tx
          .updateTable('users')
          .set({ disabled_at: disabled ? (before.disabled_at ?? now) : null })
          .where('id', '=', userId)
          .execute();
        if (disabled) await deleteUserSessions(tx, userId);
      },
    },
    now,
  );
}

/**
 * Removes an account's authenticator, for someone who lost their phone (audit `user.totp_reset`, before and after,
 * the secret itself never recorded). Its sessions end at once: a session opened with the old factor should not
 * outlive it. At the next sign-in the password alone opens; an admin of a city that requires TOTP is then asked to
 * enrol again (auth/totp.ts). Throws ApiFailure not_found, or conflict when the account has no authenticator.
 */
export async function resetStaffTotp(
  db: Kysely<Database>,
  by: SessionUser,
  userId: string,
  now = Date.now(),
): Promise<StaffMember> {
  return updateAccount(
    db,
    by,
    userId,
    'user.totp_reset',
    {
      guard: async (_tx, before) => {
        if (before.totp_secret == null && before.totp_pending == null)
          throw new ApiFailure('conflict', `l'account di ${before.name} non ha un'app di autenticazione`);
      },
      change: async (tx) => {
        await tx
          .updateTable('users')
          .set({ totp_secret: null, totp_pending: null })
          .where('id', '=', userId)
          .execute();
        await deleteUserSessions(tx, userId);
      },
    },
    now,
  );
}

/** A password reset link (1 hour) for an account; audit `user.reset_link`. The old password works until it is used. */
export async function issueResetLink(
  db: Kysely<Database>,
  by: SessionUser,
  userId: string,
  baseUrl: string,
  now = Date.now(),
): Promise<IssuedAccountLink> {
  return db.transaction().execute(async (tx) => {
    const row = await userRow(tx, userId);
    const link = await issueAccountLink(
      tx,
      { kind: 'reset', email: row.email, role: row.role as Role, hubIds: parseHubIds(row.hub_ids), userId },
      by.id,
      baseUrl,
      now,
    );
    await recordAudit(
      tx,
      {
        actor: userActor(by),
        action: 'user.reset_link',
        target: { type: 'user', id: userId },
        after: { expiresAt: link.expiresAt },
      },
      now,
    );
    return { url: link.url, kind: 'reset', email: row.email, expiresAt: link.expiresAt, emailed: false };
  });
}
