import { type Device, type DeviceSnapshot, SERVER_ISSUER } from '@vigevano/protocol';
import type { KioskDatabase } from './database/open';

/**
 * Stores the server's snapshot in the kiosk database: its hub, the devices whose keys verify cards, a week of
 * sessions and the content. Upserts only what changed on the server side and never deletes, so nothing made at
 * the kiosk is lost. A bridge until RxDB replication (the sync issue) takes over this job.
 */
export async function importSnapshot(db: KioskDatabase, snapshot: DeviceSnapshot): Promise<void> {
  await db.hubs.bulkUpsert([snapshot.hub]);
  const devices: Device[] = snapshot.issuers
    .filter((i) => i.id !== SERVER_ISSUER)
    .map((i) => ({
      id: i.id,
      hubId: i.id === snapshot.device.id ? snapshot.device.hubId : snapshot.hub.id,
      name: i.id === snapshot.device.id ? snapshot.device.name : 'Totem',
      publicKey: i.publicKey,
      keyId: i.keyId,
      revoked: i.revoked,
      enrolledAt: 0,
      updatedAt: snapshot.serverTime,
    }));
  if (devices.length > 0) await db.devices.bulkUpsert(devices);
  // A session edited here (opened, closed, notes) keeps the kiosk's version until sync merges it properly.
  const local = new Map((await db.sessions.findByIds(snapshot.sessions.map((s) => s.id)).exec()).entries());
  const fresh = snapshot.sessions.filter((s) => {
    const mine = local.get(s.id);
    return !mine || mine.updatedAt < s.updatedAt;
  });
  if (fresh.length > 0) await db.sessions.bulkUpsert(fresh);
  if (snapshot.content.length > 0) await db.content.bulkUpsert(snapshot.content);
  // Cards: the server's version wins only when newer, and a revocation is never undone by an older copy.
  const localCards = new Map((await db.cards.findByIds(snapshot.cards.map((c) => c.id)).exec()).entries());
  const newer = snapshot.cards.filter((c) => {
    const mine = localCards.get(c.id);
    return !mine || (mine.updatedAt < c.updatedAt && !(mine.revoked && !c.revoked));
  });
  if (newer.length > 0) await db.cards.bulkUpsert(newer);
}
