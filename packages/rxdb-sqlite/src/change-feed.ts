import type { EventBulk, RxDocumentData, RxStorageChangeEvent, RxStorageDefaultCheckpoint } from 'rxdb';
import { now } from 'rxdb';
import { Subject } from 'rxjs';
import { type Connection, statement } from './connection.ts';

export type ChangeBulk = EventBulk<RxStorageChangeEvent<RxDocumentData<unknown>>, RxStorageDefaultCheckpoint>;

/**
 * Change events travel two ways:
 *
 * - In one process every instance of a table shares one Subject (the connection is shared too), and a write
 *   emits on it synchronously after its commit, before bulkWrite() resolves.
 * - Across processes, a write made by an instance opened with `multiInstance: true` also appends its event
 *   bulk to the `_rxdb_changes` table, in the same transaction as the documents. Every multiInstance
 *   connection polls `PRAGMA data_version` (a counter SQLite bumps when *another* connection commits; reading
 *   it costs about a microsecond) and, when it moved, reads the new log entries of other origins and emits
 *   them. So the other process gets exactly the events the writer emitted, or none if the write rolled back.
 *   Entries older than `changeLogRetention` are pruned by the writers.
 */
export function joinFeed(connection: Connection, table: string): Subject<ChangeBulk> {
  let feed = connection.feeds.get(table);
  if (!feed) {
    feed = { subject: new Subject<ChangeBulk>(), users: 0 };
    connection.feeds.set(table, feed);
  }
  feed.users++;
  return feed.subject;
}

export function leaveFeed(connection: Connection, table: string): void {
  const feed = connection.feeds.get(table);
  if (!feed) return;
  feed.users--;
  if (feed.users <= 0) {
    connection.feeds.delete(table);
    feed.subject.complete();
  }
}

export function publish(connection: Connection, table: string, bulk: ChangeBulk): void {
  connection.feeds.get(table)?.subject.next(bulk);
}

/** Must run inside the write transaction, so the log entry commits (or rolls back) with the documents. */
export function logForOtherProcesses(connection: Connection, table: string, bulk: ChangeBulk): void {
  const at = now();
  statement(connection, 'INSERT INTO _rxdb_changes (tbl, origin, ts, bulk) VALUES (?, ?, ?, ?)').run(
    table,
    connection.origin,
    at,
    JSON.stringify(bulk),
  );
  connection.loggedWrites++;
  if (connection.loggedWrites % 256 === 0) {
    statement(connection, 'DELETE FROM _rxdb_changes WHERE ts < ?').run(
      at - connection.settings.changeLogRetention,
    );
  }
}

export function watchOtherProcesses(connection: Connection): void {
  connection.watchers++;
  const interval = connection.settings.changePollInterval;
  if (connection.poller || interval <= 0 || connection.settings.readonly) return;
  connection.lastDataVersion = dataVersion(connection);
  connection.lastSeq = Number(
    statement(connection, 'SELECT COALESCE(MAX(seq), 0) FROM _rxdb_changes', 'pluck').get(),
  );
  connection.poller = setInterval(() => pollOtherProcesses(connection), interval);
  // Watching must never keep a process alive on its own.
  connection.poller.unref();
}

export function unwatchOtherProcesses(connection: Connection): void {
  connection.watchers--;
  if (connection.watchers <= 0 && connection.poller) {
    clearInterval(connection.poller);
    connection.poller = undefined;
  }
}

function dataVersion(connection: Connection): number {
  return Number(statement(connection, 'PRAGMA data_version', 'pluck').get());
}

/** Exported for tests, which call it instead of waiting for the timer. */
export function pollOtherProcesses(connection: Connection): void {
  if (!connection.db.open) return;
  try {
    const version = dataVersion(connection);
    if (version === connection.lastDataVersion) return;
    connection.lastDataVersion = version;
    const rows = statement(
      connection,
      'SELECT seq, tbl, origin, bulk FROM _rxdb_changes WHERE seq > ? ORDER BY seq',
      'raw',
    ).all(connection.lastSeq) as [number, string, string, string][];
    for (const [seq, table, origin, bulk] of rows) {
      connection.lastSeq = seq;
      if (origin === connection.origin) continue;
      const feed = connection.feeds.get(table);
      if (feed?.subject.observed) {
        feed.subject.next(JSON.parse(bulk) as ChangeBulk);
      }
    }
  } catch (err) {
    // A failed poll (file busy during a checkpoint, connection closing) is retried at the next tick.
    if (process.env.RXDB_SQLITE_DEBUG) console.warn('rxdb-sqlite: change poll failed', err);
  }
}
