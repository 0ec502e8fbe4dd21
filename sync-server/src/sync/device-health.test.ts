import { SYNC_HEADERS, syncPath } from '@vigevano/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { deviceList } from '../dashboard/devices-routes';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import { createHubs, enrolTestDevice, type TestDevice } from './test-support';

// Issue 14 items 5 and 6: a kiosk reports a full disk and documents too large to push; the Devices page shows them.
describe.each(testStoreKinds())('device health reports on %s', (kind) => {
  let device: TestDevice;
  const t = serverForSuite(kind);
  beforeAll(async () => {
    const [hub] = (await createHubs(t.server.store.db, 1)) as [string];
    device = await enrolTestDevice(t.server.store.db, hub);
  });

  const row = async () => (await deviceList(t.server.store.db)).devices.find((d) => d.id === device.deviceId);
  const send = (path: string, headers: Record<string, string>, method = 'GET') =>
    fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${device.token}`, ...headers } });

  it('records a full disk sent alone (POST /sync/report) and its end with the next pull', async () => {
    const report = await send(syncPath('', 'report'), { [SYNC_HEADERS.storage]: 'full' }, 'POST');
    expect(report.status).toBe(204);
    expect(await row()).toMatchObject({ storage: 'full', lastPullAt: null, lastPushAt: null });
    expect((await row())?.lastSeenAt).not.toBeNull();

    const pull = await send(syncPath('checkins', 'pull'), { [SYNC_HEADERS.storage]: 'ok' });
    expect(pull.status).toBe(200);
    expect((await row())?.storage).toBe('ok');
  });

  it('records documents too large to push, by count and name, and keeps them when a request says nothing', async () => {
    const ids = 'sessions/01JABCDEFGHJKMNPQRSTVWXYZ0,checkins/01JABCDEFGHJKMNPQRSTVWXYZ1';
    await send(syncPath('sessions', 'pull'), {
      [SYNC_HEADERS.tooLarge]: '3',
      [SYNC_HEADERS.tooLargeIds]: ids,
    });
    expect((await row())?.tooLarge).toEqual({ count: 3, ids: ids.split(',') });

    await send(syncPath('sessions', 'pull'), {});
    expect((await row())?.tooLarge).toEqual({ count: 3, ids: ids.split(',') });

    await send(syncPath('sessions', 'pull'), {
      [SYNC_HEADERS.tooLarge]: '0',
      [SYNC_HEADERS.tooLargeIds]: '',
    });
    expect((await row())?.tooLarge).toEqual({ count: 0, ids: [] });
  });

  it('ignores malformed reports: an unknown storage state, and names that are not collection/id', async () => {
    await send(syncPath('sessions', 'pull'), { [SYNC_HEADERS.storage]: 'full' });
    await send(syncPath('sessions', 'pull'), {
      [SYNC_HEADERS.storage]: 'melted',
      [SYNC_HEADERS.tooLarge]: '1',
      [SYNC_HEADERS.tooLargeIds]: '<script>alert(1)</script>',
    });
    expect(await row()).toMatchObject({ storage: 'full', tooLarge: { count: 1, ids: [] } });
  });

  it('records the disk space a kiosk reports, keeps it when a request says nothing, and ignores nonsense', async () => {
    await send(syncPath('sessions', 'pull'), {
      [SYNC_HEADERS.diskFreeMiB]: '900',
      [SYNC_HEADERS.diskTotalMiB]: '30000',
    });
    expect((await row())?.disk).toEqual({ freeMiB: 900, totalMiB: 30_000 });
    await send(syncPath('sessions', 'pull'), {});
    expect((await row())?.disk).toEqual({ freeMiB: 900, totalMiB: 30_000 });
    for (const [free, total] of [
      ['40000', '30000'], // more free than the disk holds
      ['-5', '30000'],
      ['1e3', '30000'],
      ['900', '99999999999'],
    ] as const)
      await send(syncPath('sessions', 'pull'), {
        [SYNC_HEADERS.diskFreeMiB]: free,
        [SYNC_HEADERS.diskTotalMiB]: total,
      });
    expect((await row())?.disk).toEqual({ freeMiB: 900, totalMiB: 30_000 });
  });

  it('refuses a report without a device token, recording nothing', async () => {
    const before = await row();
    const res = await fetch(`${t.url}${syncPath('', 'report')}`, {
      method: 'POST',
      headers: { [SYNC_HEADERS.storage]: 'ok' },
    });
    expect(res.status).toBe(401);
    expect(await row()).toEqual(before);
  });
});
