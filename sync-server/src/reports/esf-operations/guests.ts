import { AGE_BANDS, type Checkin, ESF_LINES } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
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
 * not participants: the report shows them apart. The projection finds them (no card), the documents say their band.
 */
export async function guestCheckins(
  db: Kysely<Database>,
  sessionIds: readonly string[],
): Promise<Array<{ ageBand: (typeof AGE_BANDS)[number]; label: string; checkins: number }>> {
  const count = new Map<string, number>();
  for (let i = 0; i < sessionIds.length; i += CHUNK) {
    const ids = await db
      .selectFrom('report_checkins')
      .select('id')
      .where('session_id', 'in', sessionIds.slice(i, i + CHUNK))
      .where('card_id', 'is', null)
      .where('direction', '=', 'in')
      .execute();
    for (let j = 0; j < ids.length; j += CHUNK) {
      const bodies = await db
        .selectFrom('documents')
        .select('body')
        .where('collection', '=', 'checkins')
        .where('deleted', '=', 0)
        .where(
          'id',
          'in',
          ids.slice(j, j + CHUNK).map((r) => r.id),
        )
        .execute();
      for (const b of bodies) {
        const band = (JSON.parse(b.body) as Checkin).guest?.ageBand;
        if (band) count.set(band, (count.get(band) ?? 0) + 1);
      }
    }
  }
  return AGE_BANDS.map((ageBand) => ({
    ageBand,
    label: AGE_BAND_LABEL[ageBand],
    checkins: count.get(ageBand) ?? 0,
  }));
}
