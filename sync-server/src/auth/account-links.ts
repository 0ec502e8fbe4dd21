import {
  ACCOUNT_LINK_PAGE,
  ACCOUNT_LINK_TTL_MS,
  type AccountLinkInfo,
  type AccountLinkKind,
  type Hub,
  type Role,
  type SessionUser,
} from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import { ApiFailure, fieldFailure } from '../http/api-failure';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { passwordWeakness } from './password-strength';
import { hashPassword } from './passwords';
import { deleteUserSessions } from './sessions';
import { newSecretToken, tokenHash } from './tokens';
import { createUser, hubsOfRole, parseHubIds, toSessionUser } from './users';

/** What a new link is for: its kind, the person's e-mail, the role and hubs it grants, and a reset's account. */
export interface AccountLinkRequest {
  kind: AccountLinkKind;
  email: string;
  role: Role;
  hubIds: readonly string[];
  /** a name to suggest on the accept page (the person may change it) */
  name?: string;
  /** the account whose password a reset sets; absent for the setup link and invitations */
  userId?: string;
}

/** A link just made: the secret is in `url` only, the database keeps its SHA-256. */
export interface IssuedLink {
  token: string;
  url: string;
  expiresAt: number;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The accept page's address for `token` under `baseUrl` (the server's PUBLIC_URL): `<base>/accesso/<token>`. */
function accountLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${ACCOUNT_LINK_PAGE}/${token}`;
}

/**
 * Stores a new one-time link (kind, e-mail, role, hubs; expiry from ACCOUNT_LINK_TTL_MS: 1 h for setup and reset,
 * 7 days for an invitation) and returns its secret and URL. `createdBy` is a user id, `cli` or `system`. Records
 * nothing in the audit log itself: the caller does, in the same transaction, with its own action name.
 */
export async function issueAccountLink(
  db: Db,
  request: AccountLinkRequest,
  createdBy: string,
  baseUrl: string,
  now = Date.now(),
): Promise<IssuedLink> {
  const token = newSecretToken();
  const expiresAt = now + ACCOUNT_LINK_TTL_MS[request.kind];
  await db
    .insertInto('account_links')
    .values({
      token_hash: tokenHash(token),
      kind: request.kind,
      email: request.email.toLowerCase(),
      name: request.name ?? null,
      role: request.role,
      hub_ids: JSON.stringify(hubsOfRole(request.role, request.hubIds)),
      user_id: request.userId ?? null,
      created_by: createdBy,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, url: accountLinkUrl(baseUrl, token), expiresAt };
}

type LinkRow = Database['account_links'];

/**
 * The link for `token` if it still works. Throws ApiFailure not_found for an unknown token, conflict for one
 * already used or expired (each with its own Italian message saying what to do).
 */
async function usableLink(db: Db, token: string, now: number): Promise<LinkRow> {
  const row = await db
    .selectFrom('account_links')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row)
    throw new ApiFailure('not_found', 'questo link non è valido: controlla di averlo copiato per intero');
  if (row.used_at != null)
    throw new ApiFailure(
      'conflict',
      "questo link è già stato usato: chiedi all'amministrazione un nuovo link",
    );
  if (Number(row.expires_at) <= now)
    throw new ApiFailure('conflict', "questo link è scaduto: chiedi all'amministrazione un nuovo link");
  return row;
}

/** What the accept page shows for a link that still works; throws like usableLink otherwise. */
export async function describeAccountLink(
  db: Kysely<Database>,
  token: string,
  now = Date.now(),
): Promise<AccountLinkInfo> {
  const row = await usableLink(db, token, now);
  const hubIds = parseHubIds(row.hub_ids);
  const hubs = hubIds.length > 0 ? await listDocuments<Hub>(db, 'hubs') : [];
  const account = row.user_id
    ? await db.selectFrom('users').select('name').where('id', '=', row.user_id).executeTakeFirst()
    : undefined;
  return {
    kind: row.kind as AccountLinkKind,
    email: row.email,
    role: row.role as Role,
    hubNames: hubIds.map((id) => hubs.find((h) => h.id === id)?.name ?? id),
    expiresAt: Number(row.expires_at),
    name: account?.name ?? row.name,
  };
}

/**
 * Uses a one-time link: the setup link and an invitation create the account (name and password chosen here, role
 * and hubs from the link); a reset sets the account's new password and ends its sessions. The link is marked used
 * in the same transaction, by a conditional update, so two concurrent uses cannot both succeed; the audit entry
 * (`user.create` or `user.password_reset`, the person as actor) is written in it too.
 *
 * Throws ApiFailure (nothing written): not_found/conflict for an unknown, used or expired link, validation_failed
 * for a weak password (passwordWeakness), conflict when the e-mail already has an account.
 */
export async function acceptAccountLink(
  db: Kysely<Database>,
  token: string,
  input: { name: string; password: string; email?: string },
  now = Date.now(),
): Promise<SessionUser> {
  const link = await usableLink(db, token, now);
  const name = input.name.trim();
  if (!name) throw fieldFailure('validation_failed', '/name', 'required', 'scrivi il tuo nome');
  // the setup link printed at start carries no e-mail: the first administrator types it
  const email = link.email || (input.email ?? '').trim().toLowerCase();
  if (!email) throw fieldFailure('validation_failed', '/email', 'required', 'scrivi la tua e-mail');
  const weakness = passwordWeakness(input.password, [email, name]);
  if (weakness) throw fieldFailure('validation_failed', '/password', 'weak_password', weakness);
  // argon2id takes a while: hashed before the transaction, so no lock is held meanwhile.
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    const claimed = await tx
      .updateTable('account_links')
      .set({ used_at: now })
      .where('token_hash', '=', link.token_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new ApiFailure(
        'conflict',
        "questo link è già stato usato: chiedi all'amministrazione un nuovo link",
      );
    if (link.kind === 'reset') return resetPassword(tx, link, passwordHash, now);
    if (!link.email && (await tx.selectFrom('users').select('id').limit(1).executeTakeFirst()))
      throw new ApiFailure('conflict', "l'amministratore è già stato creato: accedi, o chiedi un invito");
    const taken = await tx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken)
      throw fieldFailure(
        'conflict',
        '/email',
        'email_taken',
        `esiste già un account con l'e-mail ${email}: accedi con quello`,
      );
    const user = await createUser(
      tx,
      {
        email,
        name,
        role: link.role as Role,
        hubIds: parseHubIds(link.hub_ids),
        passwordHash,
      },
      now,
    );
    await recordAudit(
      tx,
      {
        actor: selfActor(user),
        action: 'user.create',
        target: { type: 'user', id: user.id },
        after: { ...user, via: link.kind },
      },
      now,
    );
    return user;
  });
}

async function resetPassword(
  tx: Transaction<Database>,
  link: LinkRow,
  passwordHash: string,
  now: number,
): Promise<SessionUser> {
  const row = link.user_id
    ? await tx.selectFrom('users').selectAll().where('id', '=', link.user_id).executeTakeFirst()
    : undefined;
  if (!row) throw new ApiFailure('not_found', "l'account di questo link non esiste più");
  await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', row.id).execute();
  // whoever knew the old password is signed out everywhere
  await deleteUserSessions(tx, row.id);
  const user = toSessionUser(row);
  await recordAudit(
    tx,
    { actor: selfActor(user), action: 'user.password_reset', target: { type: 'user', id: user.id } },
    now,
  );
  return user;
}

const selfActor = (user: SessionUser): AuditActor => ({ kind: 'user', user });
