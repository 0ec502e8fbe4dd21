import {
  type PullResponse,
  type PushResponse,
  type ReplicatedDocument,
  type SyncCheckpoint,
  syncPath,
} from '@vigevano/protocol';
import type { RxCollection } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { auditTime, interval, merge, type Subscription } from 'rxjs';
import { liveStream } from './live-stream';
import type { ServerLink } from './server-link';
import { countUnpushed } from './unpushed';

type Doc = Record<string, unknown>;

export interface CollectionReplicationOptions {
  collection: RxCollection;
  /** the collection's name on the server (packages/protocol's registry name) */
  name: string;
  link: ServerLink;
  /** push local changes (the server takes pushes of this collection from devices) */
  push: boolean;
  /** push only the documents this returns true for (the kiosk's own hub's); others stay local */
  mayPush?: (doc: Doc) => boolean;
  pullBatchSize?: number;
  pushBatchSize?: number;
}

export interface CollectionReplication {
  state: RxReplicationState<Doc, SyncCheckpoint>;
  stop(): Promise<void>;
}

/**
 * One collection replicated with the sync server: RxDB's replication protocol with HTTP pull and push handlers
 * (through the shared ServerLink, which retries with backoff for as long as the server is away) and the SSE live
 * stream. Local writes never wait for any of it: RxDB writes locally first and replicates in the background.
 */
export function replicateServerCollection(options: CollectionReplicationOptions): CollectionReplication {
  const { collection, name, link } = options;
  const stream = liveStream(link, name);
  const state = replicateRxCollection<Doc, SyncCheckpoint>({
    collection: collection as RxCollection<Doc>,
    replicationIdentifier: `vigevano-sync-${name}-${link.url('/')}`,
    live: true,
    waitForLeadership: false,
    // Transient failures never reach RxDB (ServerLink retries them); this is the pause after a refusal.
    retryTime: 30_000,
    pull: {
      batchSize: options.pullBatchSize ?? 1000,
      stream$: stream.items$.asObservable(),
      handler: async (checkpoint, batchSize) => {
        const query = new URLSearchParams({ limit: String(batchSize) });
        if (checkpoint) query.set('order', String(checkpoint.order));
        const res = await link.request(`${syncPath(name, 'pull')}?${query}`);
        const body = (await res.json()) as PullResponse<Doc>;
        return { documents: body.documents, checkpoint: body.checkpoint ?? checkpoint };
      },
    },
    push: options.push
      ? {
          batchSize: options.pushBatchSize ?? 1000,
          handler: async (rows) => {
            const allowed = options.mayPush
              ? rows.filter((row) => options.mayPush?.(row.newDocumentState as Doc))
              : rows;
            if (allowed.length === 0) return [];
            const res = await link.request(syncPath(name, 'push'), {
              method: 'POST',
              body: JSON.stringify(allowed),
            });
            return ((await res.json()) as PushResponse<Doc>).conflicts as Array<ReplicatedDocument<Doc>>;
          },
        }
      : undefined,
  });

  // Documents waiting: recounted a moment after local writes and pushes, and now and then in any case.
  let counting: Subscription | undefined;
  if (options.push) {
    counting = merge(collection.eventBulks$, state.sent$, state.error$, interval(30_000))
      .pipe(auditTime(1_000))
      .subscribe(() => void recount());
    void state.startPromise.then(() => recount());
  }
  let recounting = false;
  async function recount() {
    const internal = state.internalReplicationState;
    if (!internal || recounting || state.isStopped()) return;
    recounting = true;
    try {
      link.setWaiting(name, await countUnpushed(internal));
    } catch {
      // a closing database: the next recount (if any) tells
    } finally {
      recounting = false;
    }
  }

  return {
    state,
    stop: async () => {
      counting?.unsubscribe();
      stream.stop();
      await state.cancel();
    },
  };
}
