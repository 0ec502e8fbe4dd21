import {
  API_TOKEN_PREFIX,
  type ApiTokenInfo,
  type ApiTokenRole,
  type Role,
  type SessionUser,
} from '@vigevano/protocol';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { ApiFailure } from '../http/api-failure';
import type { Database } from '../store/schema';
import { newSecretToken, tokenHash } from './tokens';

/** Methods that read only: the only ones an API token may use (HEAD is GET without the body). */
const READ_METHODS = new Set(['GET', 'HEAD']);
/** `last_used_at` is written at most this often per token, so reading with a token is not a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

type Row = Database['api_tokens'];

function toInfo(row: Row): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role as ApiTokenRole,
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at == null ? null : Number(row.last_used_at),
    revokedAt: row.revoked_at == null ? null : Number(row.revoked_at),
  };
}

/** A new token for an integration; the secret is returned once and only its SHA-256 is stored. */
export async function createApiToken(
  db: Kysely<Database>,
  input: { name: string; role: ApiTokenRole },
  createdBy: string,
  now = Date.now(),
): Promise<{ token: ApiTokenInfo; secret: string }> {
  const secret = `${API_TOKEN_PREFIX}${newSecretToken()}`;
  const row: Row = {
    id: ulid(now),
    token_hash: tokenHash(secret),
    name: input.name,
    role: input.role,
    created_by: createdBy,
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return { token: toInfo(row), secret };
}

/** Every token, newest first, revoked ones included (an admin sees what was given out and when it was last used). */
export async function listApiTokens(db: Kysely<Database>): Promise<ApiTokenInfo[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute();
  return rows.map(toInfo);
}

/** One token by id, or undefined. */
export async function findApiToken(db: Kysely<Database>, id: string): Promise<ApiTokenInfo | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toInfo(row) : undefined;
}

/** Revokes a token (it stops working at once); revoking it again changes nothing. Throws not_found (404). */
export async function revokeApiToken(
  db: Kysely<Database>,
  id: string,
  now = Date.now(),
): Promise<ApiTokenInfo> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiFailure('not_found', `il token API ${id} non esiste`);
  return toInfo(row);
}

/** The API token in `Authorization: Bearer …`, if the header holds one (device tokens have no prefix). */
export function apiTokenSecret(request: FastifyRequest): string | undefined {
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  return match?.[1]?.startsWith(API_TOKEN_PREFIX) ? match[1] : undefined;
}

/**
 * The principal of a request made with an API token: a user with the token's role and no hub, named after the
 * token. Throws ApiFailure forbidden (403) for any method that is not a read, or for a role not in `roles` (all
 * when empty), and unauthorized (401) for an unknown or revoked token.
 */
export async function apiTokenUser(
  db: Kysely<Database>,
  method: string,
  secret: string,
  roles: readonly Role[],
  now = Date.now(),
): Promise<SessionUser> {
  if (!READ_METHODS.has(method)) throw new ApiFailure('forbidden', 'un token API può solo leggere: usa GET');
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash(secret))
    .executeTakeFirst();
  if (!row || row.revoked_at != null)
    throw new ApiFailure('unauthorized', 'token API sconosciuto o revocato');
  const role = row.role as Role;
  if (roles.length > 0 && !roles.includes(role))
    throw new ApiFailure('forbidden', 'il ruolo del token non permette questa operazione');
  if (row.last_used_at == null || now - Number(row.last_used_at) > LAST_USED_RESOLUTION_MS)
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  return { id: row.id, email: '', name: `token API: ${row.name}`, role, hubIds: [] };
}
