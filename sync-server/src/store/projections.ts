import type { Transaction } from 'kysely';
import { announceOnCommit } from './change-events';
import type { Database } from './schema';

/** A document as written to the `documents` table, handed to projectors in the same transaction. */
export interface WrittenDocument {
  id: string;
  hubId: string | null;
  body: Record<string, unknown>;
  deleted: boolean;
}

/**
 * Keeps something in step with one collection's documents in the same transaction as the write: the change feed's
 * stamping of documents the server writes itself (sync/change-order.ts). Every writer of `documents` (the server's
 * own writes, the demo seed, the sync engine's pushes) calls `project` for what it wrote. The report tables are
 * not kept here: they follow the change feed (reports/feed.ts).
 */
export type Projector = (tx: Transaction<Database>, docs: WrittenDocument[]) => Promise<void>;

const projectors = new Map<string, Projector[]>();

/** Adds a projector for a collection; called once at module load by the feature that owns the table. */
export function registerProjector(collection: string, projector: Projector): void {
  projectors.set(collection, [...(projectors.get(collection) ?? []), projector]);
}

/**
 * Runs the collection's projectors over documents just written in `tx`, and queues the change for the live
 * streams: it is announced when `tx` commits (store/change-events.ts), so every writer wakes the kiosks.
 */
export async function project(
  tx: Transaction<Database>,
  collection: string,
  docs: WrittenDocument[],
): Promise<void> {
  if (docs.length === 0) return;
  for (const projector of projectors.get(collection) ?? []) await projector(tx, docs);
  await announceOnCommit(tx, {
    collection,
    hubIds: [...new Set(docs.map((d) => d.hubId))],
    ids: docs.map((d) => d.id),
    count: docs.length,
  });
}
