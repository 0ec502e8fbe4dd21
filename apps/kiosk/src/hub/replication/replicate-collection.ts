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
import { DeviceHealth } from './device-health';
import { liveStream } from './live-stream';
import { pushInBatches } from './push-batches';
import { type ServerLink, SyncRefused } from './server-link';
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
  /** where documents too large to ever push are reported (default: a health of this replication alone) */
  health?: DeviceHealth;
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
  const health = options.health ?? new DeviceHealth();
  const primaryPath = collection.schema.primaryPath as string;
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
            // Sized by bytes, not only by count: 1 000 sessions with long notes exceed the server's body limit,
            // and a batch refused as too large would be retried as it is, forever.
            const { conflicts, tooLarge } = await pushInBatches(
              allowed,
              async (body) => {
                try {
                  const res = await link.request(syncPath(name, 'push'), { method: 'POST', body });
                  return { conflicts: ((await res.json()) as PushResponse<Doc>).conflicts };
                } catch (error) {
                  if (error instanceof SyncRefused && error.status === 413) return 'too-large';
                  throw error;
                }
              },
              {
                // Without the server state it last saw, a row is smaller: the server then answers with its own
                // state as a conflict (or inserts a document it does not have), and RxDB settles it as usual. It
                // matters for a document reported too large, whose "last seen" state is the one that never fit.
                shrink: (row) =>
                  row.assumedMasterState ? { newDocumentState: row.newDocumentState } : undefined,
              },
            );
            // A document that can never fit is reported and left out, so it stops blocking the rest. RxDB takes
            // it as pushed (it stays stored here, unchanged); an edit that makes it fit pushes it again.
            for (const row of allowed) {
              const id = String(row.newDocumentState[primaryPath]);
              const big = tooLarge.find((t) => t.row === row);
              if (big || health.isTooLarge(name, id))
                health.setTooLarge({ collection: name, id, bytes: big?.bytes ?? 0 }, big !== undefined);
            }
            return conflicts as Array<ReplicatedDocument<Doc>>;
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
