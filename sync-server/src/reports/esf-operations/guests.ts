import { AGE_BANDS, ESF_LINES } from '@vigevano/protocol';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../store/schema';

const CHUNK = 500;

/** Italian names of the guests' age bands (the same bands as the ESF+ age lines). */
const AGE_BAND_LABEL: Record<(typeof AGE_BANDS)[number], string> = Object.fromEntries(
  AGE_BANDS.map((band) => [
    band,
    ESF_LINES.find((l) => l.indicator === 'age' && l.value === band)?.label ?? band,
  ]),
) as Record<(typeof AGE_BANDS)[number], string>;

/**
 * Check-ins of guests (visitors without a card, counted by age band only) at `sessionIds`, by age band. Guests are
 * not participants: the report shows them apart. The projection finds them (no card), the documents say their band:
 * the database counts the bands (bodies are compact JSON, JSON.stringify's) rather than sending every body here.
 */
export async function guestCheckins(
  db: Kysely<Database>,
  sessionIds: readonly string[],
): Promise<Array<{ ageBand: (typeof AGE_BANDS)[number]; label: string; checkins: number }>> {
  const count = new Map<string, number>();
  const band = sql<string | null>`CASE ${sql.join(
    AGE_BANDS.map((b) => sql`WHEN d.body LIKE ${`%"ageBand":"${b}"%`} THEN ${b}`),
    sql` `,
  )} END`;
  for (let i = 0; i < sessionIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('report_checkins as c')
      // CROSS JOIN: SQLite then starts from the sessions' check-ins (index on session_id), never from every
      // check-in document; PostgreSQL plans the join as usual
      .crossJoin('documents as d')
      .select([band.as('band'), (eb) => eb.fn.countAll<number | string>().as('n')])
      .whereRef('d.id', '=', 'c.id')
      .where('d.collection', '=', 'checkins')
      .where('c.session_id', 'in', sessionIds.slice(i, i + CHUNK))
      // guests have no card; written as an expression so that SQLite does not pick the card index, which would
      // read every guest of every year
      .where(sql`COALESCE(c.card_id, '')`, '=', '')
      .where('c.direction', '=', 'in')
      .where('d.deleted', '=', 0)
      .groupBy(sql`1`)
      .execute();
    for (const r of rows) if (r.band) count.set(r.band, (count.get(r.band) ?? 0) + Number(r.n));
  }
  return AGE_BANDS.map((ageBand) => ({
    ageBand,
    label: AGE_BAND_LABEL[ageBand],
    checkins: count.get(ageBand) ?? 0,
  }));
}
