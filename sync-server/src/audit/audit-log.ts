import type { SessionUser } from '@vigevano/protocol';
import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import type { Database } from '../store/schema';

/** A signed-in user (or API token) as an audit actor. */
export type UserActor = { kind: 'user'; user: Pick<SessionUser, 'id' | 'email'> };

/** Who did an administrative action: a signed-in user, the `city` command line, or the server itself. */
export type AuditActor = UserActor | { kind: 'cli'; command: string } | { kind: 'system'; reason: string };

/**
 * One administrative action (issue 15, item 6). `action` is a dotted verb in English (`hub.create`,
 * `user.invite`, `facilitator.pin_rotate`, `device.retire`); `target` the thing acted on; `before` and `after`
 * the thing's state as plain JSON (absent when it did not exist, before a creation or after a removal).
 * Secrets never belong in them: keys named in SECRET_KEYS are replaced by "[redatto]" whatever the caller passes.
 */
export interface AuditEntry {
  actor: AuditActor;
  action: string;
  target: { type: string; id: string };
  /** the hub the action concerns, so a hub lead's filter finds it; null for city-wide actions */
  hubId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Field names whose values never reach the audit log (hashes, secrets, one-time tokens, TOTP seeds). */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'password',
  'passwordHash',
  'password_hash',
  'pin',
  'facilitatorPin',
  'hash',
  'salt',
  'secret',
  'token',
  'tokenHash',
  'token_hash',
  'totpSecret',
  'totp_secret',
]);

/** `value` as JSON with every SECRET_KEYS field replaced by "[redatto]", at any depth; undefined stays null. */
export function redactedJson(value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(value, (key, v) => (SECRET_KEYS.has(key) && v !== undefined ? '[redatto]' : v));
}

function actorColumns(actor: AuditActor): { actor_id: string; actor_label: string } {
  switch (actor.kind) {
    case 'user':
      return { actor_id: actor.user.id, actor_label: actor.user.email };
    case 'cli':
      return { actor_id: 'cli', actor_label: `npm run city -- ${actor.command}` };
    case 'system':
      return { actor_id: 'system', actor_label: actor.reason };
  }
}

/**
 * Appends one entry to the audit log and returns its id (a ULID). Pass the transaction that makes the change, so
 * the change and its record commit together or not at all. `at` is epoch milliseconds (`now`, default Date.now()).
 * The table refuses UPDATE and DELETE (migration 0010), so an entry, once written, stays as written.
 */
export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  entry: AuditEntry,
  now: number = Date.now(),
): Promise<string> {
  const id = ulid(now);
  await db
    .insertInto('audit_log')
    .values({
      id,
      at: now,
      ...actorColumns(entry.actor),
      action: entry.action,
      target_type: entry.target.type,
      target_id: entry.target.id,
      hub_id: entry.hubId ?? null,
      before_json: redactedJson(entry.before),
      after_json: redactedJson(entry.after),
    })
    .execute();
  return id;
}

/** The actor for a route guarded by requireUser: the signed-in user (or API token) that made the request. */
export function userActor(user: Pick<SessionUser, 'id' | 'email'>): UserActor {
  return { kind: 'user', user: { id: user.id, email: user.email } };
}
