import type { Kysely } from 'kysely';

/** The city's areas at the start: the strategy's two (Centro, Ticino) and the demo city's third. */
const FIRST_AREAS = ['Centro', 'Ticino', 'Sforzesca'];
const REPEAT_SCAN_WINDOW_MS = 10 * 60_000;

/**
 * Hubs administered from the dashboard (issue 15, items 2 and 4):
 * - `hub_areas`: the editable list of areas a hub may be in;
 * - `facilitators` and `facilitator_hubs`: each facilitator with their hubs and the scrypt hash of their PIN (the
 *   server's truth; hub documents carry a copy of each hub's facilitators to its kiosks);
 * - hub documents move to schema version 1: the hub-wide `facilitatorPin` becomes a facilitator named "PIN" (its
 *   id is the hub's, as the kiosks' own migration names it), and the new fields take the values version 0 behaved
 *   with. `updatedAt` is kept: a kiosk migrates its copy to the same document, so nothing needs to be re-sent.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time, not today's
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hub_areas')
    .addColumn('name', 'varchar(80)', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('facilitators')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(80)', (c) => c.notNull())
    .addColumn('pin_salt', 'varchar(64)')
    .addColumn('pin_hash', 'varchar(128)')
    .addColumn('pin_cost', 'integer')
    .addColumn('pin_set_at', 'bigint')
    .addColumn('card_id', 'varchar(26)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('facilitator_hubs')
    .addColumn('facilitator_id', 'varchar(26)', (c) => c.notNull().references('facilitators.id'))
    .addColumn('hub_id', 'varchar(26)', (c) => c.notNull())
    .addPrimaryKeyConstraint('facilitator_hubs_pk', ['facilitator_id', 'hub_id'])
    .execute();
  await db.schema.createIndex('facilitator_hubs_hub').on('facilitator_hubs').column('hub_id').execute();

  const now = Date.now();
  const hubs = await db
    .selectFrom('documents')
    .select(['id', 'body'])
    .where('collection', '=', 'hubs')
    .execute();
  const areas = new Set(FIRST_AREAS);
  for (const row of hubs as Array<{ id: string; body: string }>) {
    const { facilitatorPin, ...old } = JSON.parse(row.body) as Record<string, unknown> & {
      id: string;
      area?: string;
      facilitatorPin?: { salt: string; hash: string; cost: number };
    };
    if (old.area) areas.add(old.area);
    const facilitators = facilitatorPin ? [{ id: old.id, name: 'PIN', pin: facilitatorPin }] : [];
    const body = {
      ...old,
      closures: old.closures ?? [],
      repeatScanWindowMs: old.repeatScanWindowMs ?? REPEAT_SCAN_WINDOW_MS,
      facilitators: old.facilitators ?? facilitators,
      archived: old.archived ?? false,
    };
    await db
      .updateTable('documents')
      .set({ body: JSON.stringify(body) })
      .where('collection', '=', 'hubs')
      .where('id', '=', row.id)
      .execute();
    if (facilitatorPin) {
      await db
        .insertInto('facilitators')
        .values({
          id: old.id,
          name: 'PIN',
          pin_salt: facilitatorPin.salt,
          pin_hash: facilitatorPin.hash,
          pin_cost: facilitatorPin.cost,
          pin_set_at: now,
          card_id: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await db.insertInto('facilitator_hubs').values({ facilitator_id: old.id, hub_id: old.id }).execute();
    }
  }
  for (const name of areas) await db.insertInto('hub_areas').values({ name, created_at: now }).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('facilitator_hubs').execute();
  await db.schema.dropTable('facilitators').execute();
  await db.schema.dropTable('hub_areas').execute();
}
