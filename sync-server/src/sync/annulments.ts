import { CITY_TIME_ZONE, kioskAnnulmentFault, localClock, type PushRow } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { AuthenticatedDevice } from '../devices/enrolment';
import { ApiFailure } from '../http/api-failure';
import type { Database } from '../store/schema';
import type { SyncCollection } from './collections';

/**
 * A kiosk's annulments judged against the check-ins the server holds (issue 18, item 5): a facilitator annuls a
 * check-in of their own hub made on the day they annul it (kioskAnnulmentFault, in the hub's time zone). A row is
 * judged alone by the write authority, so this reads the store, like checkReferences. An annulment whose check-in
 * has not reached the server yet is refused too: what is stored must hold, and the kiosk pushes again later (its
 * replication retries a refused push), by when its check-in, pushed by the same kiosk, is there.
 * Throws ApiFailure `forbidden` naming the row; nothing is written.
 */
export async function checkKioskAnnulments(
  db: Kysely<Database>,
  collection: SyncCollection,
  device: AuthenticatedDevice,
  rows: PushRow[],
): Promise<void> {
  if (collection.name !== 'annulments' || rows.length === 0) return;
  const docs = rows.map((r) => r.newDocumentState as Record<string, unknown>);
  const named = [...new Set(docs.map((d) => String(d.checkinId)))];
  const checkins = new Map<string, { id: string; hubId: string; deviceTime: number }>();
  const stored = await db
    .selectFrom('documents')
    .select(['id', 'body'])
    .where('collection', '=', 'checkins')
    .where('id', 'in', named)
    .execute();
  for (const row of stored) checkins.set(row.id, JSON.parse(row.body));
  const hub = await db
    .selectFrom('documents')
    .select('body')
    .where('collection', '=', 'hubs')
    .where('id', '=', device.hubId)
    .executeTakeFirst();
  const timeZone = (hub && (JSON.parse(hub.body) as { timezone?: string }).timezone) || CITY_TIME_ZONE;
  const localDay = (ms: number) => localClock(timeZone, ms).date;
  docs.forEach((doc, row) => {
    const checkin = checkins.get(String(doc.checkinId));
    const fault = checkin
      ? kioskAnnulmentFault(
          doc as { hubId: string; checkinId: string; annulledAt: number },
          checkin,
          localDay,
        )
      : 'the check-in has not reached the server yet; push the annulment after it';
    if (fault)
      throw new ApiFailure('forbidden', `row ${row} of annulments: ${fault}`, {
        row,
        field: 'checkinId',
        deviceHubId: device.hubId,
      });
  });
}
