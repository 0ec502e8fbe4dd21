import { type Annulment, kioskAnnulmentFault, localClock } from '@vigevano/protocol';
import type { KioskDatabase } from '../database/open';
import type { KioskIdentity } from '../identity';

/**
 * A facilitator annuls a check-in made by mistake on this kiosk's hub, today (issue 18, item 5): a new `annulments`
 * document with who, when and why, replicated like check-ins; the check-in itself is never touched. The server
 * applies the same rule (kioskAnnulmentFault) to what it receives. Returns the stored annulment, or the earlier one
 * when the check-in was already annulled (one annulment per check-in, its id the check-in's).
 * Throws RangeError, its message Italian for the facilitator's screen, when the check-in is unknown here, of another
 * hub, of another day, or the reason is not 1 to 200 characters; then nothing is stored.
 */
export async function annulCheckin(
  db: KioskDatabase,
  identity: Pick<KioskIdentity, 'deviceId' | 'hubId'>,
  request: { checkinId: string; reason: string; facilitator: string },
  timeZone: string,
  now: number = Date.now(),
): Promise<Annulment> {
  const reason = request.reason.trim();
  if (reason.length === 0 || reason.length > 200)
    throw new RangeError('per annullare un ingresso serve un motivo, da 1 a 200 caratteri');
  const checkin = await db.checkins.findOne(request.checkinId).exec();
  if (!checkin || checkin.hubId !== identity.hubId)
    throw new RangeError(
      `l'ingresso ${request.checkinId} non è di questo hub: nessun annullamento registrato`,
    );
  const day = (ms: number) => localClock(timeZone, ms).date;
  if (day(checkin.deviceTime) !== day(now))
    throw new RangeError(
      'qui si annullano solo gli ingressi di oggi: quelli dei giorni passati li corregge un coordinatore dal pannello',
    );
  const earlier = await db.annulments.findOne(request.checkinId).exec();
  if (earlier) return earlier.toJSON() as Annulment;
  const annulment: Annulment = {
    id: checkin.id,
    hubId: identity.hubId,
    checkinId: checkin.id,
    deviceId: identity.deviceId,
    annulledBy: request.facilitator.trim().slice(0, 80) || 'facilitatore',
    reason,
    annulledAt: now,
    updatedAt: now,
  };
  // The server's own rule, checked last as it will be on arrival (the Italian checks above say the same).
  const fault = kioskAnnulmentFault(annulment, checkin, day);
  if (fault) throw new RangeError(fault);
  await db.annulments.insert(annulment);
  return annulment;
}
