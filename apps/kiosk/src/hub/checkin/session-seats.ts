import { type Session, startOfLocalDay } from '@vigevano/protocol';
import type { KioskDatabase } from '../database/open';
import type { SessionFacts } from './decision';

/** The time zone of a hub whose document has not synced yet (the city's own). */
export const FALLBACK_TIME_ZONE = 'Europe/Rome';

/**
 * Who holds a seat in `session`, as the check-in decision counts it: every card checked in to it or marked present
 * on its roster, once each, except a card marked absent or excused afterwards (the facilitator's word is the
 * latest); plus each guest checked in to it. A check-in annulled as a mistake (issue 18, item 5) holds no seat. With `cardId`, also whether that card checked in already and whether it is seated.
 * `timeZone` is the hub's: check-ins are looked up from the local day the session starts. `seated` is the set of
 * those cards (a batch of marks counts seats row by row from it).
 */
export async function sessionSeats(
  db: KioskDatabase,
  session: Session,
  timeZone: string,
  cardId?: string,
): Promise<SessionFacts & { seated: ReadonlySet<string> }> {
  const [scanned, roster] = await Promise.all([
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
  const annulled = await db.annulments
    .find({ selector: { checkinId: { $in: scanned.map((e) => e.id) } } })
    .exec();
  const annulledIds = new Set(annulled.map((a) => a.checkinId));
  const events = scanned.filter((e) => !annulledIds.has(e.id));
  const checkedIn = new Set(events.flatMap((e) => (e.cardId ? [e.cardId] : [])));
  const guests = events.filter((e) => !e.cardId).length;
  const seated = new Set(checkedIn);
  for (const entry of roster) {
    if (entry.attendance === 'present') seated.add(entry.cardId);
    if (entry.attendance === 'absent' || entry.attendance === 'excused') seated.delete(entry.cardId);
  }
  return {
    session,
    present: seated.size + guests,
    cardCheckedIn: cardId !== undefined && checkedIn.has(cardId),
    cardSeated: cardId !== undefined && seated.has(cardId),
    seated,
  };
}
