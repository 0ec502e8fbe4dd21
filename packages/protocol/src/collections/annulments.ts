import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, Ulid } from '../schema/fields';
import { collectionSchema } from './common';

/**
 * A check-in annulled by mistake (issue 18, item 5): a correction event, never an edit of the check-in, which stays
 * as it was (check-ins are immutable). Its id IS the annulled check-in's id, so one check-in is annulled at most
 * once: two kiosks annulling the same check-in offline write the same document, and the first to reach the server
 * wins (the collection is immutable). Reports leave an annulled check-in out; the original stays in the sync log.
 */
export const annulmentSchema = collectionSchema(
  'annulments',
  { version: 0, indexes: ['checkinId'] },
  {
    id: Ulid({ description: 'the annulled check-in’s id' }),
    hubId: Ulid(),
    checkinId: Ulid(),
    /** the kiosk that recorded the annulment; absent when a coordinator annulled it on the dashboard */
    deviceId: Type.Optional(Ulid()),
    annulledBy: Type.String({
      minLength: 1,
      maxLength: 80,
      description: 'who annulled it: the facilitator’s name on a kiosk, the user’s email on the dashboard',
    }),
    reason: Type.String({ minLength: 1, maxLength: 200, description: 'why the check-in was a mistake' }),
    annulledAt: EpochMillis({ description: 'when it was annulled (the kiosk’s clock, or the server’s)' }),
    updatedAt: EpochMillis(),
  },
);

export type Annulment = Static<typeof annulmentSchema>;

/**
 * Why a kiosk may not push this annulment of this check-in, or undefined when it may: a facilitator annuls only a
 * check-in of their own hub, made on the day they annul it (the hub's local day in `timeZone`); an older mistake
 * is a coordinator's to correct on the dashboard, who sees the whole picture. The server checks it against the
 * check-in it holds (a kiosk's copy proves nothing).
 */
export function kioskAnnulmentFault(
  annulment: Pick<Annulment, 'hubId' | 'checkinId' | 'annulledAt'>,
  checkin: { id: string; hubId: string; deviceTime: number },
  localDay: (ms: number) => string,
): string | undefined {
  if (checkin.id !== annulment.checkinId) return 'names another check-in';
  if (checkin.hubId !== annulment.hubId) return 'a kiosk annuls check-ins of its own hub only';
  if (localDay(checkin.deviceTime) !== localDay(annulment.annulledAt))
    return 'a kiosk annuls only check-ins of the day it annuls them on; older ones are corrected on the dashboard';
  return undefined;
}
