import type { CollectionName } from '@vigevano/protocol';
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDatabase } from 'rxdb';
import type { KioskIdentity } from '../../identity';
import type { LiveTiming } from '../server-link';
import { type KioskReplication, startReplication } from '../start-replication';
import { openKioskDatabase } from './kiosk-database';

/**
 * A kiosk for a live-sync test: its own database of the `collections` on a temp dir, replicating as `identity`
 * with the server at `serverUrl` (directly or through a proxy) with quick retries (200 ms to 2 s) and the `live`
 * stream timings given. Resolves once the first sync is done; its stop (replication, database, folder) is pushed
 * onto `cleanups` for the suite to run.
 */
export async function syncedKiosk(options: {
  identity: KioskIdentity;
  serverUrl: string;
  collections: CollectionName[];
  live: Partial<LiveTiming>;
  cleanups: Array<() => Promise<void> | void>;
}): Promise<{ database: RxDatabase; replication: KioskReplication }> {
  const dir = tempDir('vigevano-kiosk-');
  const database = await openKioskDatabase(dir.path, options.collections);
  const replication = startReplication({
    database,
    identity: { ...options.identity, serverUrl: options.serverUrl },
    appVersion: '0.1.0-test',
    backoff: { minMs: 200, maxMs: 2_000 },
    live: options.live,
  });
  options.cleanups.push(async () => {
    await replication.stop();
    await database.close();
    dir.remove();
  });
  await replication.awaitInSync();
  return { database, replication };
}
