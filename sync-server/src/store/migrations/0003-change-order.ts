import type { Kysely } from 'kysely';

/**
 * The change feed of replication. Every write of a document stamps it with the next `change_order` of its
 * collection, taken from `change_counters` while holding that counter's row lock until commit, so change orders
 * grow in commit order and a pull "after order N" never skips a change (see src/sync/change-order.ts).
 * `visible_to` lists the hubs that must hear of a `hub-list` document (content): NULL for every hub.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('change_order', 'bigint').execute();
  await db.schema.alterTable('documents').addColumn('visible_to', 'text').execute();
  await db.schema
    .createIndex('documents_change_order')
    .on('documents')
    .columns(['collection', 'change_order'])
    .execute();
  await db.schema
    .createIndex('documents_hub_change_order')
    .on('documents')
    .columns(['collection', 'hub_id', 'change_order'])
    .execute();
  await db.schema
    .createTable('change_counters')
    .addColumn('collection', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('last_order', 'bigint', (c) => c.notNull())
    .execute();

  // Documents written before this migration join the feed in the order they were last updated.
  const collections = await db.selectFrom('documents').select('collection').distinct().execute();
  for (const { collection } of collections as Array<{ collection: string }>) {
    const rows = (await db
      .selectFrom('documents')
      .select(['id', 'body'])
      .where('collection', '=', collection)
      .orderBy('updated_at')
      .orderBy('id')
      .execute()) as Array<{ id: string; body: string }>;
    let order = 0;
    for (const row of rows) {
      order += 1;
      let visibleTo: string | null = null;
      if (collection === 'content') {
        const hubIds = (JSON.parse(row.body) as { hubIds?: string[] }).hubIds ?? [];
        visibleTo = hubIds.length === 0 ? null : `|${hubIds.join('|')}|`;
      }
      await db
        .updateTable('documents')
        .set({ change_order: order, visible_to: visibleTo })
        .where('collection', '=', collection)
        .where('id', '=', row.id)
        .execute();
    }
    await db.insertInto('change_counters').values({ collection, last_order: order }).execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('change_counters').execute();
  await db.schema.dropIndex('documents_hub_change_order').execute();
  await db.schema.dropIndex('documents_change_order').execute();
  await db.schema.alterTable('documents').dropColumn('visible_to').execute();
  await db.schema.alterTable('documents').dropColumn('change_order').execute();
}
