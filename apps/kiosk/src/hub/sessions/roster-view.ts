import {
  type Annulment,
  attendedTime,
  type Checkin,
  type Enrolment,
  type KioskRosterEntry,
  type KioskRosterEvent,
  type Session,
  startOfLocalDay,
} from '@vigevano/protocol';
import type { KioskDatabase } from '../database/open';

/**
 * A session's roster as the facilitator sees it on the kiosk: each enrolment with the participant's check-ins and
 * check-outs at the session (from the hub's local day the session starts on, annulled ones flagged), and the time
 * attended (packages/protocol attendedTime(), the same hours as the register; annulled events do not count).
 * Sorted by alias, the Italian way.
 *
 * @param timeZone the hub's IANA time zone (the day's check-ins are looked up from its local midnight)
 * @param usesCheckout whether the hub records check-outs (else an exit does not cut the hours)
 */
export async function rosterView(
  db: KioskDatabase,
  session: Session,
  timeZone: string,
  usesCheckout: boolean,
): Promise<KioskRosterEntry[]> {
  const [enrolmentDocs, checkinDocs] = await Promise.all([
    db.enrolments.find({ selector: { sessionId: session.id } }).exec(),
    db.checkins
      .find({
        selector: {
          hubId: session.hubId,
          deviceTime: { $gte: startOfLocalDay(timeZone, session.startsAt) },
          sessionId: session.id,
        },
      })
      .exec(),
  ]);
  const checkins = checkinDocs.map((d) => d.toJSON() as Checkin).filter((c) => c.cardId);
  const annulments = new Map(
    (await db.annulments.find({ selector: { checkinId: { $in: checkins.map((c) => c.id) } } }).exec()).map(
      (d) => [d.checkinId, d.toJSON() as Annulment],
    ),
  );
  const byCard = new Map<string, KioskRosterEvent[]>();
  for (const c of checkins.sort((a, b) => a.deviceTime - b.deviceTime)) {
    const annulment = annulments.get(c.id);
    const event: KioskRosterEvent = {
      id: c.id,
      direction: c.direction,
      at: c.deviceTime,
      ...(annulment
        ? { annulled: { by: annulment.annulledBy, reason: annulment.reason, at: annulment.annulledAt } }
        : {}),
    };
    byCard.set(c.cardId as string, [...(byCard.get(c.cardId as string) ?? []), event]);
  }
  return enrolmentDocs
    .map((d) => {
      const enrolment = d.toJSON() as Enrolment;
      const events = byCard.get(enrolment.cardId) ?? [];
      const counted = events.filter((e) => !e.annulled);
      return {
        ...enrolment,
        events,
        attended: attendedTime(session, enrolment.attendance, counted, usesCheckout),
      };
    })
    .sort((a, b) => a.alias.localeCompare(b.alias, 'it'));
}
