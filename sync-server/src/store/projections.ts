import { collections, type Scope } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import { stampWritten } from '../sync/change-order';
import { announceOnCommit } from './change-events';
import type { Database } from './schema';

/** A document as written to the `documents` table, handed to projectors in the same transaction. */
export interface WrittenDocument {
  id: string;
  hubId: string | null;
  body: Record<string, unknown>;
  deleted: boolean;
}

/** Whether a collection's documents list their hubs (`hub-list` scope, packages/protocol): content. */
function listsHubs(collection: string): boolean {
  const scopes = collections as unknown as Record<string, { scope: Scope } | undefined>;
  return scopes[collection]?.scope === 'hub-list';
}

/**
 * Every writer of `documents` calls this in its transaction for what it wrote (the server's own writes, the demo
 * seed, the sync engine's pushes), so no writer can leave the change feed or the live streams behind:
 * - documents the server writes itself take their change orders here (sync/change-order.ts), so kiosks and the
 *   report feed hear of them; the sync engine stamps its own in its insert and says so with `stamped`;
 * - the change is queued for the live streams and announced when `tx` commits (store/change-events.ts).
 * The report tables are not kept here: they follow the change feed (reports/feed.ts).
 */
export async function project(
  tx: Transaction<Database>,
  collection: string,
  docs: WrittenDocument[],
  options: { stamped?: boolean } = {},
): Promise<void> {
  if (docs.length === 0) return;
  if (!options.stamped) await stampWritten(tx, collection, docs, listsHubs(collection));
  await announceOnCommit(tx, {
    collection,
    hubIds: [...new Set(docs.map((d) => d.hubId))],
    ids: docs.map((d) => d.id),
    count: docs.length,
  });
}
