import { describe, expect, it } from 'vitest';
import type { KioskIdentity } from '../identity';
import { demoCityAroundSuite } from '../testing/demo-city';
import { checkinBy } from './test-support/checkin-doc';
import { eventually } from './test-support/eventually';
import { revokeKiosk } from './test-support/revoke-kiosk';
import { syncedKiosk } from './test-support/synced-kiosk';

// A server at its stream limit answers 429 with Retry-After: the kiosk must wait that long before asking again,
// pull in the meantime, and keep calling itself online, since its pulls and pushes work.
describe('a kiosk refused a live stream', () => {
  // One stream per device: of a kiosk's two collections, one is always refused (429, Retry-After: 30).
  const city = demoCityAroundSuite({ STREAMS_PER_DEVICE: '1' });

  function kiosk(identity: KioskIdentity, collections: Array<'checkins' | 'devices'>) {
    return syncedKiosk({
      identity,
      serverUrl: city.server.url,
      collections,
      live: { fallbackPullMs: 1_000, safetyPullMs: 600_000 },
      cleanups: city.cleanups,
    });
  }

  it('pulls in its place, hears every change, and stays online', async () => {
    const first = city.identities[0] as KioskIdentity;
    const neighbour = city.identities.find((i) => i !== first && i.hubId === first.hubId) as KioskIdentity;
    const revoked = city.identities.find((i) => i.hubId !== first.hubId) as KioskIdentity;
    const a = await kiosk(first, ['checkins', 'devices']);
    const b = await kiosk(neighbour, ['checkins']);

    const visit = checkinBy(neighbour);
    await b.database.collections.checkins?.insert(visit);
    const admin = city.server.logins().find((l) => l.role === 'admin') as { email: string; password: string };
    await revokeKiosk(city.server.url, admin, revoked.deviceId);

    // Whichever of the two streams was refused, its collection's change still arrives, within Retry-After's 30 s.
    const checkins = a.database.collections.checkins;
    const devices = a.database.collections.devices;
    expect(await eventually(async () => !!(await checkins?.findOne(visit.id).exec()), 20_000)).toBe(true);
    expect(
      await eventually(
        async () => (await devices?.findOne(revoked.deviceId).exec())?.get('revoked') === true,
        20_000,
      ),
    ).toBe(true);
    expect(a.replication.status).toMatchObject({ online: true, lastError: null });
  });
});
