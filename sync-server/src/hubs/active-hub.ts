import type { Hub } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { fieldFailure } from '../http/api-failure';
import { getDocument } from '../store/documents';
import type { Database } from '../store/schema';

/**
 * The hub something new is to join (a kiosk, a person), read from the store. An archived hub keeps its history but
 * takes nothing new. Throws ApiFailure not_found for an unknown hub, validation_failed for an archived one; both
 * point at the request's `/hubId` so that the form shows the message next to the hub. `what` names what it would
 * have received, in Italian ("totem", "nuove persone").
 */
export async function hubTakingNew(db: Kysely<Database>, hubId: string, what: string): Promise<Hub> {
  const hub = await getDocument<Hub>(db, 'hubs', hubId);
  if (!hub) throw fieldFailure('not_found', '/hubId', 'unknown_hub', `l'hub ${hubId} non esiste`);
  if (hub.archived)
    throw fieldFailure(
      'validation_failed',
      '/hubId',
      'archived_hub',
      `la sede «${hub.name}» è archiviata: non riceve ${what} finché non viene riattivata`,
    );
  return hub;
}
