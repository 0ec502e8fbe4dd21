import type { Kysely, Transaction } from 'kysely';
import { project, type WrittenDocument } from './projections';
import type { Database } from './schema';

export interface StoredDocument<T> {
  collection: string;
  id: string;
  hubId: string | null;
  body: T;
  at: number | null;
}

/**
 * Inserts or replaces documents (the server writing its own collections: hubs, devices, content, seeds), and
 * updates the collections' projections in the same transaction; live streams hear of it when that transaction
 * commits (project() queues the announcement, store/change-events.ts).
 */
export async function putDocuments<T extends { id: string; updatedAt: number }>(
  db: Kysely<Database>,
  docs: Array<Omit<StoredDocument<T>, 'id'>>,
): Promise<void> {
  if (docs.length === 0) return;
  if (!db.isTransaction) {
    await db.transaction().execute((tx) => putDocuments(tx, docs));
    return;
  }
  const tx = db as Transaction<Database>;
  const byCollection = new Map<string, WrittenDocument[]>();
  for (const doc of docs) {
    const written = {
      id: doc.body.id,
      hubId: doc.hubId,
      body: doc.body as Record<string, unknown>,
      deleted: false,
    };
    const list = byCollection.get(doc.collection) ?? [];
    list.push(written);
    byCollection.set(doc.collection, list);
  }
  for (const doc of docs) {
    const row = {
      collection: doc.collection,
      id: doc.body.id,
      hub_id: doc.hubId,
      body: JSON.stringify(doc.body),
      deleted: 0,
      at: doc.at,
      updated_at: doc.body.updatedAt,
    };
    await tx
      .insertInto('documents')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['collection', 'id']).doUpdateSet({
          hub_id: row.hub_id,
          body: row.body,
          deleted: 0,
          at: row.at,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }
  for (const [collection, written] of byCollection) await project(tx, collection, written);
}

export interface DocumentFilter {
  hubId?: string | null;
  atFrom?: number;
  atTo?: number;
}

/** The live (not deleted) documents of a collection, optionally of one hub and within a time range. */
export async function listDocuments<T>(
  db: Kysely<Database>,
  collection: string,
  filter: DocumentFilter = {},
): Promise<T[]> {
  let query = db
    .selectFrom('documents')
    .select('body')
    .where('collection', '=', collection)
    .where('deleted', '=', 0);
  if (filter.hubId !== undefined)
    query =
      filter.hubId === null ? query.where('hub_id', 'is', null) : query.where('hub_id', '=', filter.hubId);
  if (filter.atFrom !== undefined) query = query.where('at', '>=', filter.atFrom);
  if (filter.atTo !== undefined) query = query.where('at', '<', filter.atTo);
  const rows = await query.orderBy('at').orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.body) as T);
}

export async function getDocument<T>(
  db: Kysely<Database>,
  collection: string,
  id: string,
): Promise<T | undefined> {
  const row = await db
    .selectFrom('documents')
    .select('body')
    .where('collection', '=', collection)
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? (JSON.parse(row.body) as T) : undefined;
}
