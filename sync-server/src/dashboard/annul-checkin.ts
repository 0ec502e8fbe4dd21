import {
  type Annulment,
  type AnnulResponse,
  type Checkin,
  mayActOnHub,
  type SessionUser,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { recordAudit, userActor } from '../audit/audit-log';
import { ApiFailure } from '../http/api-failure';
import { getDocument, putDocuments } from '../store/documents';
import type { Database } from '../store/schema';

/** The schema caps `annulledBy` (annulments.ts). */
const ANNULLED_BY_MAX = 80;

/**
 * Annuls a check-in made by mistake (issue 18, item 5), as a coordinator on the dashboard: a server write of an
 * `annulments` document (replicated to the hub's kiosks like a kiosk's own), with who (the user's email), when and
 * why, and its audit entry, in one transaction. The check-in stays as it was; the reports leave it out once they
 * catch up (reports/project-annulments.ts). Unlike a facilitator on a kiosk, a coordinator may annul a check-in of
 * any day. Throws ApiFailure: not_found (no such check-in), forbidden (another hub's, for a hub lead), conflict
 * (already annulled: the first annulment stands, as on kiosks); then nothing is written.
 */
export async function annulCheckin(
  db: Kysely<Database>,
  user: SessionUser,
  checkinId: string,
  reason: string,
  now = Date.now(),
): Promise<AnnulResponse> {
  const checkin = await getDocument<Checkin>(db, 'checkins', checkinId);
  if (!checkin) throw new ApiFailure('not_found', `l'ingresso ${checkinId} non esiste`);
  if (!mayActOnHub(user, checkin.hubId))
    throw new ApiFailure('forbidden', 'puoi annullare solo gli ingressi dei tuoi hub');
  const annulment: Annulment = {
    id: checkinId,
    hubId: checkin.hubId,
    checkinId,
    annulledBy: user.email.slice(0, ANNULLED_BY_MAX),
    reason: reason.trim(),
    annulledAt: now,
    updatedAt: now,
  };
  await db.transaction().execute(async (tx) => {
    const existing = await getDocument<Annulment>(tx, 'annulments', checkinId);
    if (existing)
      throw new ApiFailure(
        'conflict',
        `l'ingresso è già stato annullato da ${existing.annulledBy}: ${existing.reason}`,
      );
    await putDocuments(tx, [
      { collection: 'annulments', hubId: annulment.hubId, at: annulment.annulledAt, body: annulment },
    ]);
    await recordAudit(
      tx,
      {
        actor: userActor(user),
        action: 'checkin.annul',
        target: { type: 'checkin', id: checkinId },
        hubId: annulment.hubId,
        before: { cardId: checkin.cardId ?? null, deviceTime: checkin.deviceTime },
        after: { reason: annulment.reason },
      },
      now,
    );
  });
  return { checkinId, annulledBy: annulment.annulledBy, annulledAt: annulment.annulledAt };
}
