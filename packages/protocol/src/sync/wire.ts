import { Type } from 'typebox';
import { errorResponses, rawResponse } from '../api/schema';
/**
 * The sync wire format: RxDB's replication protocol (pull, push, live stream) over HTTP, per collection.
 * Kiosk and server both import these types, so the client's handlers and the server's routes cannot drift apart.
 */

/**
 * Where a reader is in a collection's change feed: the server-assigned change order of the last document it has
 * seen. Orders grow with commit order (see sync-server/src/sync/change-order.ts), so "everything after `order`" never
 * skips a committed change.
 */
export interface SyncCheckpoint {
  order: number;
}

/** A document as replicated: its body plus RxDB's deletion flag. */
export type ReplicatedDocument<T = Record<string, unknown>> = T & { _deleted: boolean };

/** `GET /sync/:collection/pull?order=<n>&limit=<n>`: the changes after a checkpoint, oldest first. */
export interface PullResponse<T = Record<string, unknown>> {
  documents: Array<ReplicatedDocument<T>>;
  /** the checkpoint after the last returned document; the request's own checkpoint when nothing changed */
  checkpoint: SyncCheckpoint | null;
}

/** One row of a push: the state the kiosk wants, and the server state it last saw (absent for a new document). */
export interface PushRow<T = Record<string, unknown>> {
  newDocumentState: ReplicatedDocument<T>;
  assumedMasterState?: ReplicatedDocument<T> | null;
}

/** `POST /sync/:collection/push` answers with the server's state of every row it did not take as sent. */
export interface PushResponse<T = Record<string, unknown>> {
  conflicts: Array<ReplicatedDocument<T>>;
}

/**
 * Events of `GET /sync/:collection/stream` (Server-Sent Events):
 * - `ready`: the stream is open; a client that was disconnected must resync (RxDB's `RESYNC`), because it may have
 *   missed changes while it was away. Data: `SyncStreamReady` (the heartbeat interval in force).
 * - `changes`: documents the device may see were committed; the client pulls after its checkpoint (`RESYNC`).
 *   The event carries no documents, so a client's checkpoint only ever moves through pulls, which never skip.
 * Comment lines (`: ping`) keep idle connections alive through proxies and let the client notice a dead link.
 */
export const SYNC_STREAM_EVENTS = { ready: 'ready', changes: 'changes' } as const;

/** The data of the stream's `ready` event. */
export interface SyncStreamReady {
  /** seconds between the server's heartbeat comments: a client hearing nothing for about two of them reconnects */
  heartbeatSeconds: number;
}

/** Headers a kiosk sends with every sync request, recorded in the server's `device_status`. */
export const SYNC_HEADERS = {
  appVersion: 'x-vigevano-app-version',
  /** the kiosk's clock (ms since the epoch) when it sent the request: the server derives the clock offset */
  deviceTime: 'x-vigevano-device-time',
  /** how many local documents the kiosk has not pushed yet */
  pending: 'x-vigevano-pending',
  /** the kiosk's disk: `ok`, or `full` (it cannot write; it serves, refuses check-ins clearly and waits for space) */
  storage: 'x-vigevano-storage',
  /** how many local documents can never be pushed because one alone exceeds the push body limit */
  tooLarge: 'x-vigevano-too-large',
  /** the first of those, as `collection/id` joined by commas (at most SYNC_LIMITS.maxReportedTooLarge) */
  tooLargeIds: 'x-vigevano-too-large-ids',
  /** free space on the kiosk's data disk, whole MiB available to the kiosk (statfs bavail × bsize) */
  diskFreeMiB: 'x-vigevano-disk-free-mib',
  /** that disk's size, whole MiB */
  diskTotalMiB: 'x-vigevano-disk-total-mib',
} as const;

/** What a kiosk says of its disk in the SYNC_HEADERS.storage header. */
export type DeviceStorageState = 'ok' | 'full';

/** Limits both sides respect; the server refuses a request beyond them with a 4xx that names the limit. */
export const SYNC_LIMITS = {
  /** documents per pull */
  maxPullLimit: 2000,
  defaultPullLimit: 500,
  /** rows per push */
  maxPushRows: 2000,
  /** nesting depth of a pushed body (rows → row → document → its fields) */
  maxDepth: 16,
  /** bytes of one push body */
  maxPushBytes: 4 * 1024 * 1024,
  /** documents named in the SYNC_HEADERS.tooLargeIds header */
  maxReportedTooLarge: 10,
  /**
   * seconds between keep-alive comments on the stream by default (the server's STREAM_HEARTBEAT_SECONDS; its
   * `ready` event says the one in force): a quarter of nginx's default 60 s proxy_read_timeout
   */
  streamPingSeconds: 15,
} as const;

const SyncCollectionParams = Type.Object({ collection: Type.String({ minLength: 1, maxLength: 40 }) });

/** The pull's checkpoint and page size; `order` absent: from the start. */
export const PullQuery = Type.Object(
  {
    order: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SYNC_LIMITS.maxPullLimit })),
  },
  { additionalProperties: false },
);

/** A replicated document on the wire: its own collection's schema checks it (on the server, after the depth check). */
const WireDocument = Type.Unsafe<ReplicatedDocument>({ type: 'object', additionalProperties: true });

/** Only the envelope; documents are checked by their collection's own JSON Schema (after the depth check). */
export const PushBody = Type.Array(
  Type.Object(
    {
      newDocumentState: WireDocument,
      assumedMasterState: Type.Optional(Type.Union([WireDocument, Type.Null()])),
    },
    { additionalProperties: false },
  ),
  { maxItems: SYNC_LIMITS.maxPushRows },
);

const PullResponseSchema = Type.Object({
  documents: Type.Array(WireDocument),
  checkpoint: Type.Union([Type.Object({ order: Type.Number() }), Type.Null()]),
});
const PushResponseSchema = Type.Object({ conflicts: Type.Array(WireDocument) });
const tags = ['sync'];

export const syncRoutes = {
  pull: {
    method: 'GET',
    path: '/sync/:collection/pull',
    schema: {
      summary: 'The changes after a checkpoint, oldest first (device token)',
      tags,
      params: SyncCollectionParams,
      querystring: PullQuery,
      response: { 200: PullResponseSchema, ...errorResponses },
    },
  },
  push: {
    method: 'POST',
    path: '/sync/:collection/push',
    schema: {
      summary: 'Documents written on a kiosk; answers the conflicts (device token)',
      tags,
      params: SyncCollectionParams,
      body: PushBody,
      response: { 200: PushResponseSchema, ...errorResponses },
    },
  },
  stream: {
    method: 'GET',
    path: '/sync/:collection/stream',
    schema: {
      summary: 'Server-Sent Events: `ready`, then `changes` whenever the device has something to pull',
      tags,
      produces: ['text/event-stream'],
      params: SyncCollectionParams,
      response: {
        200: rawResponse('text/event-stream', '`ready`, then `changes` events'),
        ...errorResponses,
      },
    },
  },
  /**
   * A kiosk's health report alone (its SYNC_HEADERS, no body; answers 204): sent while it does not replicate, e.g.
   * with a full disk, so the dashboard still learns why.
   */
  report: {
    method: 'POST',
    path: '/sync/report',
    schema: {
      summary: "A kiosk's health report alone, in its headers (answers 204)",
      tags,
      response: { 204: Type.Unsafe<void>({ description: 'recorded; no body' }), ...errorResponses },
    },
  },
} as const;

/** The URL path of a collection's sync route. */
export function syncPath(collection: string, route: keyof typeof syncRoutes): string {
  return syncRoutes[route].path.replace(':collection', encodeURIComponent(collection));
}
