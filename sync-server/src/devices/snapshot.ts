import {
  addLocalDays,
  type Card,
  type Content,
  type Device,
  type DeviceSnapshot,
  type Hub,
  SERVER_ISSUER,
  type Session,
  startOfLocalDay,
  targetsKiosk,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ApiFailure } from '../http/api-failure';
import type { PublishedCardKey } from '../keys/card-key-provider';
import { getDocument, listDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import type { AuthenticatedDevice } from './enrolment';

/**
 * What a kiosk needs to work alone for a week: its hub, the hub's sessions from the start of today for seven
 * days, the published content aimed at it (kiosk/targeting.ts), and every card issuer's public key (the server's
 * current key and retired ones still in their grace period, see keys/key-file.ts).
 */
export async function deviceSnapshot(
  db: Kysely<Database>,
  auth: AuthenticatedDevice,
  serverKeys: readonly PublishedCardKey[],
  now = Date.now(),
): Promise<DeviceSnapshot> {
  const device = await getDocument<Device>(db, 'devices', auth.deviceId);
  const hub = await getDocument<Hub>(db, 'hubs', auth.hubId);
  if (!device || !hub) throw new ApiFailure('not_found', 'device or hub missing');
  const from = startOfLocalDay(hub.timezone, now);
  const sessions = await listDocuments<Session>(db, 'sessions', {
    hubId: hub.id,
    atFrom: from,
    atTo: addLocalDays(hub.timezone, now, 7),
  });
  const content = (await listDocuments<Content>(db, 'content')).filter(
    (c) => c.published && targetsKiosk(c, device) && c.schedule.to > now,
  );
  const devices = await listDocuments<Device>(db, 'devices');
  const cards = await listDocuments<Card>(db, 'cards');
  return {
    device: { id: device.id, hubId: device.hubId, name: device.name },
    hub,
    sessions,
    content,
    cards,
    issuers: [
      ...serverKeys.map((k) => ({
        id: SERVER_ISSUER,
        keyId: k.keyId,
        publicKey: k.publicKey,
        revoked: false,
        ...(k.validUntil === null ? {} : { validUntil: k.validUntil }),
      })),
      ...devices.map((d) => ({ id: d.id, keyId: d.keyId, publicKey: d.publicKey, revoked: d.revoked })),
    ],
    serverTime: now,
  };
}
