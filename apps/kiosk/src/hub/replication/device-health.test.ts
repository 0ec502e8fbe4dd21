import { statfsSync } from 'node:fs';
import { SYNC_HEADERS } from '@vigevano/protocol';
import { tempDir } from '@vigevano/testkit/tmp';
import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { DiskWatch } from '../storage/disk-watch';
import { DeviceHealth } from './device-health';

const MiB = 1024 * 1024;

describe('the disk space a kiosk reports (issue 19, item 4)', () => {
  it('measures its data folder with statfs and sends whole MiB in the sync headers', async () => {
    const dir = tempDir();
    const watch = new DiskWatch({ directory: dir.path, pollMs: 60_000 });
    try {
      const space = await firstValueFrom(watch.space$.pipe(filter((s) => s !== null)));
      const s = statfsSync(dir.path);
      expect(space?.totalBytes).toBe(Number(s.blocks) * Number(s.bsize));
      // free space moves with the machine's other work: the same order of magnitude is what can be asserted
      expect(Math.abs((space?.freeBytes ?? 0) - Number(s.bavail) * Number(s.bsize))).toBeLessThan(512 * MiB);
      const health = new DeviceHealth();
      health.setDisk(space);
      const headers = health.headers();
      expect(Number(headers[SYNC_HEADERS.diskTotalMiB])).toBe(Math.floor((space?.totalBytes ?? 0) / MiB));
      expect(Number(headers[SYNC_HEADERS.diskFreeMiB])).toBe(Math.floor((space?.freeBytes ?? 0) / MiB));
    } finally {
      watch.stop();
      dir.remove();
    }
  });

  it('says nothing of the disk before it is measured, and changes state only when a whole MiB changes', () => {
    const health = new DeviceHealth();
    expect(health.headers()[SYNC_HEADERS.diskFreeMiB]).toBeUndefined();
    const states: unknown[] = [];
    const sub = health.state$.subscribe((s) => states.push(s.disk));
    health.setDisk({ freeBytes: 900 * MiB + 10, totalBytes: 30_000 * MiB });
    health.setDisk({ freeBytes: 900 * MiB + 5_000, totalBytes: 30_000 * MiB }); // same MiB: no new state
    health.setDisk({ freeBytes: 899 * MiB, totalBytes: 30_000 * MiB });
    sub.unsubscribe();
    expect(states).toEqual([null, { freeMiB: 900, totalMiB: 30_000 }, { freeMiB: 899, totalMiB: 30_000 }]);
    expect(health.headers()[SYNC_HEADERS.diskFreeMiB]).toBe('899');
  });
});
