import { type CollectionName, collections, isCollectionName } from '@vigevano/protocol';
import type { RxDatabase } from 'rxdb';
import { merge, type Observable } from 'rxjs';
import type { KioskIdentity } from '../identity';
import { DeviceHealth } from './device-health';
import { type CollectionReplication, replicateServerCollection } from './replicate-collection';
import { type LiveTiming, ServerLink } from './server-link';
import type { SyncStatus } from './sync-status';

export interface StartReplicationOptions {
  /** the kiosk's database; its collections named as in packages/protocol (hubs, checkins, …) replicate */
  database: RxDatabase;
  identity: Pick<KioskIdentity, 'hubId' | 'serverUrl' | 'token'>;
  /** sent to the server with every request (the dashboard shows it) */
  appVersion: string;
  /** only these collections (default: every protocol collection the database has) */
  collections?: CollectionName[];
  /** pauses between attempts while the server is away (default 1 s doubling to 60 s) */
  backoff?: { minMs: number; maxMs: number };
  pushBatchSize?: number;
  pullBatchSize?: number;
  /** pulls standing in for the live streams: while one is down, and as a safety net (default 15 s and 5 min) */
  live?: Partial<LiveTiming>;
  /** the kiosk's disk state and unpushable documents, reported to the server; it outlives this replication */
  health?: DeviceHealth;
}

export interface KioskReplication {
  /** online, last success, documents waiting, last error (Italian); a new value on every change */
  status$: Observable<SyncStatus>;
  readonly status: SyncStatus;
  /** errors the replication reported (RxDB's error$ of every collection), e.g. a local write refused by a full disk */
  errors$: Observable<unknown>;
  /** try now instead of at the next pause (staff pressed "sincronizza", or the network came back) */
  syncNow(): void;
  /** resolves when every collection has pushed and pulled all it can see (tests; a "sync before update") */
  awaitInSync(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Replicates the kiosk's database with the city's sync server, collection by collection (RxDB replication over
 * HTTP pull/push and an SSE live stream), in the background: the kiosk works the same with or without it.
 * Collections the server writes alone are pulled only; the others push the kiosk's own hub's documents.
 * The collections must have been created with `conflictHandlerFor(name)` so kiosk and server settle conflicts by
 * the same written policy.
 */
export function startReplication(options: StartReplicationOptions): KioskReplication {
  const { database, identity } = options;
  const health = options.health ?? new DeviceHealth();
  const link = new ServerLink({
    health,
    serverUrl: identity.serverUrl,
    token: identity.token,
    appVersion: options.appVersion,
    backoff: options.backoff,
    live: options.live,
  });
  const names =
    options.collections ??
    Object.keys(database.collections).filter((n): n is CollectionName => isCollectionName(n));
  const replications: CollectionReplication[] = names.map((name) => {
    const collection = database.collections[name];
    if (!collection) throw new Error(`the kiosk database has no collection "${name}"`);
    const def = collections[name];
    return replicateServerCollection({
      collection,
      name,
      link,
      push: def.devicesPush,
      // The server takes only the kiosk's own hub's documents; a card of another hub edited here stays local.
      mayPush: (doc) => !('hubId' in doc) || doc.hubId === identity.hubId,
      pushBatchSize: options.pushBatchSize,
      pullBatchSize: options.pullBatchSize,
      health,
    });
  });

  return {
    status$: link.status$.asObservable(),
    get status() {
      return link.status;
    },
    errors$: merge(...replications.map((r) => r.state.error$)),
    syncNow: () => {
      link.wakeAll();
      for (const r of replications) r.state.reSync();
    },
    awaitInSync: async () => {
      await Promise.all(replications.map((r) => r.state.awaitInSync()));
    },
    stop: async () => {
      // Stop the link first: requests waiting for the server give up, so cancelling does not wait for them.
      link.stop();
      await Promise.all(replications.map((r) => r.stop()));
    },
  };
}
