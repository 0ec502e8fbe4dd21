import { EventEmitter } from 'node:events';
import type { DatabaseConnection, Dialect, Driver, Kysely, TransactionSettings } from 'kysely';

/** Which documents changed, announced after their transaction committed (never before: readers must see them). */
export interface DocumentsChanged {
  collection: string;
  /** hubs whose documents changed; null stands for city-wide documents */
  hubIds: Array<string | null>;
  /** ids of the changed documents (the sync streams close a revoked device's streams by its id) */
  ids?: string[];
  count: number;
}

/**
 * In-process announcements of committed writes: live streams (the sync SSE stream, the dashboard's "city now")
 * subscribe here instead of polling the store. One server process per store; replicas would need a shared bus
 * (PostgreSQL LISTEN/NOTIFY), noted for when a city runs more than one.
 * Writers do not call `announce` themselves: every write of `documents` goes through `project()` in its
 * transaction, which queues the change with `announceOnCommit`, and the store's driver announces it once the
 * database has committed (see `announcingCommits`). So no writer can forget to wake the kiosks.
 */
class ChangeEvents extends EventEmitter<{ changed: [DocumentsChanged] }> {
  announce(change: DocumentsChanged): void {
    if (change.count > 0) this.emit('changed', change);
  }
}

export const changeEvents = new ChangeEvents();
changeEvents.setMaxListeners(0);

/** Changes written in a transaction not committed yet, by the connection that runs it. */
const uncommitted = new WeakMap<DatabaseConnection, DocumentsChanged[]>();

/**
 * Queues a change written in transaction `tx`; it is announced once that transaction commits and dropped if it
 * rolls back. `tx` must come from a store opened with `announcingCommits` (openStore does).
 */
export async function announceOnCommit(
  // biome-ignore lint/suspicious/noExplicitAny: any schema; only the connection is used
  tx: Kysely<any>,
  change: DocumentsChanged,
): Promise<void> {
  if (!tx.isTransaction) throw new Error('announceOnCommit needs the transaction that wrote the documents');
  // A transaction's executor always provides its one connection: the one the driver commits below.
  await tx.getExecutor().provideConnection(async (connection) => {
    const list = uncommitted.get(connection) ?? [];
    list.push(change);
    uncommitted.set(connection, list);
  });
}

/** Delegates to a dialect's driver and announces a connection's queued changes right after its commit. */
class AnnouncingDriver implements Driver {
  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  constructor(private readonly inner: Driver) {
    // Nested transactions (savepoints) stay the inner driver's; their changes wait for the outer commit.
    this.savepoint = inner.savepoint?.bind(inner);
    this.rollbackToSavepoint = inner.rollbackToSavepoint?.bind(inner);
    this.releaseSavepoint = inner.releaseSavepoint?.bind(inner);
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.inner.acquireConnection();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    uncommitted.delete(connection);
    return this.inner.beginTransaction(connection, settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.commitTransaction(connection);
    } catch (error) {
      uncommitted.delete(connection);
      throw error;
    }
    const changes = uncommitted.get(connection) ?? [];
    uncommitted.delete(connection);
    for (const change of changes) changeEvents.announce(change);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    uncommitted.delete(connection);
    return this.inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** The dialect with a driver that announces the changes queued by `announceOnCommit` when their transaction commits. */
export function announcingCommits(dialect: Dialect): Dialect {
  return {
    createDriver: () => new AnnouncingDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
