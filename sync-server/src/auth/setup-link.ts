import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log';
import type { Database } from '../store/schema';
import { type IssuedLink, issueAccountLink } from './account-links';

/** Who asks for a first administrator's link: the server at start, or `npm run city -- admin create`. */
export type SetupLinkSource = { kind: 'system'; reason: string } | { kind: 'cli'; command: string };

/**
 * Issues a one-time setup link (1 hour, single use) that creates an administrator, written with its audit entry
 * (`user.setup_link`) in one transaction. With `email` the account gets that address; without one (the link the
 * server prints at start, when it cannot know who will open it) the person types it, and the link works only
 * while the store has no account at all (auth/account-links.ts).
 */
export async function issueSetupLink(
  db: Kysely<Database>,
  person: { email: string | null; name?: string },
  source: SetupLinkSource,
  baseUrl: string,
  now = Date.now(),
): Promise<IssuedLink> {
  const address = person.email?.toLowerCase() ?? '';
  return db.transaction().execute(async (tx) => {
    const link = await issueAccountLink(
      tx,
      { kind: 'setup', email: address, role: 'admin', hubIds: [], name: person.name },
      source.kind === 'cli' ? 'cli' : 'system',
      baseUrl,
      now,
    );
    await recordAudit(
      tx,
      {
        actor: source,
        action: 'user.setup_link',
        target: { type: 'invite', id: address || 'first-admin' },
        after: { email: address || null, role: 'admin', expiresAt: link.expiresAt },
      },
      now,
    );
    return link;
  });
}

/**
 * At start: on an empty store (no account at all) in production, issues a setup link for the first administrator
 * and prints it with `print` (the server's log); returns it, or null when nothing was needed. Not in development:
 * there `npm start` seeds the demo city with its own accounts. A new link at each start while the store stays
 * empty, so a restart after an hour gives a fresh one.
 */
export async function announceFirstAdminLink(
  db: Kysely<Database>,
  config: { production: boolean; publicUrl: string },
  print: (line: string) => void,
  now = Date.now(),
): Promise<IssuedLink | null> {
  if (!config.production) return null;
  const anyone = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyone) return null;
  const link = await issueSetupLink(
    db,
    { email: null },
    { kind: 'system', reason: 'first start on an empty store' },
    config.publicUrl,
    now,
  );
  print(
    `No account exists yet. Open this one-time link within 1 hour to create the first administrator: ${link.url}`,
  );
  return link;
}
