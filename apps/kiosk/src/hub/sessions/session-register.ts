import type { Checkin, Enrolment, Hub, Session } from '@vigevano/protocol';
import { CITY_TIME_ZONE } from '@vigevano/protocol';
import { registerLines, registerPdf, registerSessionOf } from '@vigevano/registers';
import type { KioskDatabase } from '../database/open';

/**
 * Today's register of a session of this kiosk's hub as a PDF, from the kiosk's own data (it prints offline): the
 * same layout and hours as the server's (packages/registers). Personal data stay on the server, so participants
 * are named by their card's alias; funded operations too, so the operation is named by its id.
 *
 * @returns the PDF's bytes, or undefined for a session unknown here or of another hub
 */
export async function sessionRegisterPdf(
  db: KioskDatabase,
  hubId: string,
  sessionId: string,
): Promise<Buffer | undefined> {
  const session = (await db.sessions.findOne(sessionId).exec())?.toJSON() as Session | undefined;
  if (!session || session.hubId !== hubId) return undefined;
  const hub = (await db.hubs.findOne(hubId).exec())?.toJSON() as Hub | undefined;
  const [enrolments, checkins] = await Promise.all([
    db.enrolments.find({ selector: { sessionId } }).exec(),
    db.checkins.find({ selector: { hubId, sessionId } }).exec(),
  ]);
  const annulled = await db.annulments
    .find({ selector: { checkinId: { $in: checkins.map((c) => c.id) } } })
    .exec();
  const cardEvents = checkins
    .map((c) => c.toJSON() as Checkin)
    .flatMap((c) =>
      c.cardId ? [{ id: c.id, cardId: c.cardId, direction: c.direction, at: c.deviceTime }] : [],
    );
  return registerPdf({
    title: 'Registro presenze',
    timeZone: hub?.timezone ?? CITY_TIME_ZONE,
    sessions: [
      registerSessionOf(
        session,
        hub?.name ?? '',
        session.operationId ? { code: session.operationId, name: '' } : null,
        // annulled check-ins (issue 18, item 5) are left out, as on the roster and the server's register
        registerLines(
          session,
          enrolments.map((d) => {
            const e = d.toJSON() as Enrolment;
            return {
              cardId: e.cardId,
              name: e.alias,
              mark: e.attendance,
              ...(e.excuseReason ? { excuseReason: e.excuseReason } : {}),
            };
          }),
          cardEvents,
          hub?.usesCheckout ?? false,
          new Set(annulled.map((a) => a.checkinId)),
        ),
      ),
    ],
  });
}
