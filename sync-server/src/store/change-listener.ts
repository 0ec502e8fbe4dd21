import { CompiledQuery } from 'kysely';
import pg from 'pg';
import type { ChangeEvents, DocumentsChanged, PublishInTransaction } from './change-events';

/**
 * Several server instances on one PostgreSQL database: a commit on one must wake the live streams on all. Each
 * transaction that writes documents also sends `NOTIFY` on this channel (in the transaction: PostgreSQL delivers
 * it only at commit, in commit order, and drops it on rollback, so a wake is never early and never lost while the
 * listeners are connected), and every instance LISTENs on a dedicated connection. See the PostgreSQL manual, NOTIFY.
 */
export const CHANGES_CHANNEL = 'vigevano_documents_changed';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7_900;

/** The payload: the sending instance, the collection, the hubs (null: too many to list, wake all), the count. */
interface Notification {
  i: string;
  c: string;
  h: Array<string | null> | null;
  n: number;
}

/**
 * The statement that tells other instances of a change (`pg_notify`, run in the writing transaction). The payload
 * names the collection and its hubs only, never documents: the kiosks pull what changed after their checkpoint,
 * and a hub list too long for the payload becomes "every hub" (more kiosks pull, none misses a change).
 */
export function notifyOtherInstances(instanceId: string): PublishInTransaction {
  return (change) => {
    if (change.collection === null) return undefined;
    let payload = JSON.stringify({
      i: instanceId,
      c: change.collection,
      h: change.hubIds,
      n: change.count,
    } satisfies Notification);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES)
      payload = JSON.stringify({ i: instanceId, c: change.collection, h: null, n: change.count });
    return CompiledQuery.raw('select pg_notify($1, $2)', [CHANGES_CHANNEL, payload]);
  };
}

/** Parses a notification of another instance; undefined for our own, or for anything not ours. */
export function changeOfNotification(
  payload: string | undefined,
  instanceId: string,
): DocumentsChanged | undefined {
  try {
    const n = JSON.parse(payload ?? '') as Partial<Notification>;
    if (n.i === instanceId || typeof n.c !== 'string' || typeof n.n !== 'number') return undefined;
    return { collection: n.c, hubIds: Array.isArray(n.h) ? n.h : [null], count: n.n };
  } catch {
    return undefined;
  }
}

export interface ChangeListenerOptions {
  connectionString: string;
  /** this store's id: its own notifications are announced locally at commit already, and skipped here */
  instanceId: string;
  changes: ChangeEvents;
  /** first wait before reconnecting, in ms; it doubles after each failed attempt up to `maxBackoffMs` */
  backoffMs?: number;
  maxBackoffMs?: number;
  warn?: (message: string) => void;
}

/** The dedicated LISTEN connection of one store; `close()` ends it and stops reconnecting. */
export interface ChangeListener {
  /** resolves once the connection listens (again), for tests and start-up */
  listening(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Listens for other instances' commits and announces them on `changes`. When the connection is lost (a database
 * restart, a failover, a network cut) it reconnects with growing waits; notifications sent meanwhile are lost,
 * so each time it listens again it announces "any collection may have changed" (collection null): every kiosk
 * stream pulls once, the report feed catches up, and nothing committed during the gap is missed.
 */
export function listenForChanges(options: ChangeListenerOptions): ChangeListener {
  const { connectionString, instanceId, changes } = options;
  const baseBackoff = options.backoffMs ?? 200;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let client: pg.Client | undefined;
  let closed = false;
  let backoff = baseBackoff;
  let retry: NodeJS.Timeout | undefined;
  let waiters: Array<() => void> = [];
  let isListening = false;

  const lost = (reason: string) => {
    const old = client;
    client = undefined;
    isListening = false;
    old?.removeAllListeners();
    // an error after the end is possible; nothing may reach the process as an unhandled 'error'
    old?.on('error', () => undefined);
    void old?.end().catch(() => undefined);
    if (closed) return;
    warn(`PostgreSQL change listener lost (${reason}); reconnecting in ${backoff} ms`);
    retry = setTimeout(connect, backoff);
    retry.unref();
    backoff = Math.min(backoff * 2, maxBackoff);
  };

  const connect = () => {
    retry = undefined;
    if (closed) return;
    const next = new pg.Client({ connectionString, application_name: 'vigevano-change-listener' });
    client = next;
    next.on('error', (error) => {
      if (client === next) lost(error.message);
    });
    next.on('end', () => {
      if (client === next) lost('connection ended');
    });
    next.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL) return;
      const change = changeOfNotification(message.payload, instanceId);
      if (change) changes.announce(change);
    });
    next
      .connect()
      .then(() => next.query(`LISTEN ${CHANGES_CHANNEL}`))
      .then(() => {
        if (client !== next || closed) return;
        backoff = baseBackoff;
        isListening = true;
        // whatever was committed before we listened (or while we were away) is pulled now
        changes.announce({ collection: null, hubIds: [null], count: 1 });
        for (const resolve of waiters) resolve();
        waiters = [];
      })
      .catch((error: unknown) => {
        if (client === next) lost(error instanceof Error ? error.message : String(error));
      });
  };

  connect();
  return {
    listening: () => (isListening ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    close: async () => {
      closed = true;
      clearTimeout(retry);
      const old = client;
      client = undefined;
      isListening = false;
      if (old) {
        old.removeAllListeners();
        old.on('error', () => undefined);
        await old.end().catch(() => undefined);
      }
    },
  };
}
