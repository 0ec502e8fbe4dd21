import { sql, type Transaction } from 'kysely';
import type { WrittenDocument } from '../store/projections';
import type { Database } from '../store/schema';

/**
 * The change feed's order, and why a pull never skips a committed change.
 *
 * The classic bug: writer A takes order 5, writer B takes 6, B commits first; a reader pulls "after 4", sees 6 and
 * moves its checkpoint to 6; then A commits 5, which that reader never sees. Orders must grow in *commit* order.
 *
 * Here every writer of a collection takes its orders from that collection's row in `change_counters` with an
 * UPDATE, which holds the row's lock until the transaction ends. A second writer of the same collection waits at
 * its own UPDATE until the first has committed (or rolled back), so it can only get higher orders after the lower
 * ones are visible: order = commit order, per collection, on PostgreSQL (row lock) and on SQLite (one writer at a
 * time anyway). Readers take no lock and are never blocked. The price is that writers of one collection are
 * serialized; the engine keeps those transactions short (one multi-row statement per 500 documents), which the
 * benchmark measures (`npm run bench:sync`).
 */

/** Takes the collection's counter lock (creating its row on first use); held until the transaction ends. */
export async function lockChangeCounter(tx: Transaction<Database>, collection: string): Promise<void> {
  const touch = () =>
    tx
      .updateTable('change_counters')
      .set({ last_order: sql`last_order` })
      .where('collection', '=', collection)
      .executeTakeFirst();
  if (Number((await touch()).numUpdatedRows) > 0) return;
  await tx
    .insertInto('change_counters')
    .values({ collection, last_order: 0 })
    .onConflict((oc) => oc.column('collection').doNothing())
    .execute();
  await touch();
}

/** Reserves `count` consecutive orders (the caller holds the lock); returns the first. */
export async function takeChangeOrders(
  tx: Transaction<Database>,
  collection: string,
  count: number,
): Promise<number> {
  const row = await tx
    .updateTable('change_counters')
    .set({ last_order: sql`last_order + ${count}` })
    .where('collection', '=', collection)
    .returning('last_order')
    .executeTakeFirstOrThrow();
  return Number(row.last_order) - count + 1;
}

/**
 * Gives back the orders after `lastUsed` that the caller reserved but did not write (rows it found already
 * stored), so that a retried push leaves the counter as it was. The caller still holds the lock, so nobody has
 * taken orders after its own.
 */
export async function giveBackOrdersAfter(
  tx: Transaction<Database>,
  collection: string,
  lastUsed: number,
): Promise<void> {
  await tx
    .updateTable('change_counters')
    .set({ last_order: lastUsed })
    .where('collection', '=', collection)
    .where('last_order', '>', lastUsed)
    .execute();
}

/**
 * `visible_to` of a hub-list document: the hubs that must hear of its changes. Once a hub has been told of a
 * document it keeps hearing of it (so a kiosk removed from the list learns that, and stops showing it); an empty
 * list (the whole city), now or before, means every hub.
 */
export function visibleTo(previous: string | null | undefined, hubIds: string[]): string | null {
  if (hubIds.length === 0 || previous === null) return null;
  const hubs = new Set(previous ? previous.split('|').filter(Boolean) : []);
  for (const hub of hubIds) hubs.add(hub);
  return `|${[...hubs].sort().join('|')}|`;
}

/**
 * Stamps documents written by the server's other writers (putDocuments: enrolment, revocation, the demo seed,
 * coordinators' edits) with change orders, from `project()` that every writer of `documents` calls in its
 * transaction, so those changes reach kiosks through the same feed. `hubList`: the collection lists its hubs
 * (content), whose `visible_to` is kept here too.
 */
export async function stampWritten(
  tx: Transaction<Database>,
  collection: string,
  docs: WrittenDocument[],
  hubList: boolean,
): Promise<void> {
  await lockChangeCounter(tx, collection);
  const ids = [...new Set(docs.map((d) => d.id))];
  let order = await takeChangeOrders(tx, collection, ids.length);
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const id of ids) {
    let visible: string | null = null;
    if (hubList) {
      const current = await tx
        .selectFrom('documents')
        .select(['visible_to', 'change_order'])
        .where('collection', '=', collection)
        .where('id', '=', id)
        .executeTakeFirst();
      // A row without an order was just inserted: no hub has heard of it yet.
      const previous = current?.change_order == null ? undefined : current.visible_to;
      const hubIds = byId.get(id)?.body.hubIds;
      visible = visibleTo(previous, Array.isArray(hubIds) ? (hubIds as string[]) : []);
    }
    await tx
      .updateTable('documents')
      .set({ change_order: order, visible_to: visible })
      .where('collection', '=', collection)
      .where('id', '=', id)
      .execute();
    order += 1;
  }
}
