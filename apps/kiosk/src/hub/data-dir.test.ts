import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startHubService } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, describe, expect, it } from 'vitest';

// Secrets at rest (issue 13, item 6): the real hub service makes its data folder owner-only (0700), also one left
// world-readable by an older version. Its database files are 0600 (packages/rxdb-sqlite database-file-modes.test).

describe('the kiosk data folder', () => {
  const tmp = tempDir('vigevano-kiosk-dir-');
  afterAll(() => tmp.remove());

  it('is made 0700 by the hub service, new or already there', async () => {
    const fresh = join(tmp.path, 'nuovo');
    const older = join(tmp.path, 'vecchio');
    mkdirSync(older, { mode: 0o755 });
    for (const dir of [fresh, older]) {
      const hub = await startHubService(dir, {}, '/health');
      try {
        expect(statSync(dir).mode & 0o777).toBe(0o700);
      } finally {
        await hub.stop();
      }
    }
  }, 120_000);
});
