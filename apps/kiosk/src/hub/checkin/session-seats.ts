import { type Session, startOfLocalDay } from '@vigevano/protocol';
import type { KioskDatabase } from '../database/open';
import type { SessionFacts } from './decision';

/** The time zone of a hub whose document has not synced yet (the city's own). */
export const FALLBACK_TIME_ZONE = 'Europe/Rome';

/**
 * Who holds a seat in `session`, as the check-in decision counts it: every card checked in to it or marked present
 * on its roster, once each, except a card marked absent afterwards (the facilitator's word is the latest); plus
 * each guest checked in to it. With `cardId`, also whether that card checked in already and whether it is seated.
 * `timeZone` is the hub's: check-ins are looked up from the local day the session starts.
 */
export async function sessionSeats(
  db: KioskDatabase,
  session: Session,
  timeZone: string,
  cardId?: string,
): Promise<SessionFacts> {
  const [events, roster] = await Promise.all([
    db.checkins
      .find({
        selector: {
          hubId: session.hubId,
          // The hub's own local day: Rome's midnight falls in a New York hub's afternoon.
          deviceTime: { $gte: startOfLocalDay(timeZone, session.startsAt) },
          sessionId: session.id,
          direction: 'in',
        },
      })
      .exec(),
    db.enrolments.find({ selector: { sessionId: session.id } }).exec(),
  ]);
  const checkedIn = new Set(events.flatMap((e) => (e.cardId ? [e.cardId] : [])));
  const guests = events.filter((e) => !e.cardId).length;
  const seated = new Set(checkedIn);
  for (const entry of roster) {
    if (entry.attendance === 'present') seated.add(entry.cardId);
    if (entry.attendance === 'absent') seated.delete(entry.cardId);
  }
  return {
    session,
    present: seated.size + guests,
    cardCheckedIn: cardId !== undefined && checkedIn.has(cardId),
    cardSeated: cardId !== undefined && seated.has(cardId),
  };
}
