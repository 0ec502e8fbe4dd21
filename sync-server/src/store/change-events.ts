import { EventEmitter } from 'node:events';
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  Kysely,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/** Which documents changed, announced after their transaction committed (never before: readers must see them). */
export interface DocumentsChanged {
  /**
   * the collection; null means "any collection may have changed": announcements from other server instances may
   * have been lost (store/change-listener.ts, after its connection was lost), so every listener acts as if all
   * its collections changed (kiosk streams pull, the report feed catches up)
   */
  collection: string | null;
  /** hubs whose documents changed; null stands for city-wide documents (and for "any hub") */
  hubIds: Array<string | null>;
  /** ids of the changed documents when known (the sync streams close a revoked device's streams by its id) */
  ids?: string[];
  count: number;
}

/**
 * One store's announcements of committed writes: live streams (the sync SSE stream, the dashboard's "city now"),
 * and the report feed subscribe here instead of polling the store. Each store has its own (Store.changes), so two
 * servers in one process never hear each other's stores; on PostgreSQL the store also hears the commits of other
 * server processes on the same database (store/change-listener.ts).
 * Writers do not call `announce` themselves: every write of `documents` goes through `project()` in its
 * transaction, which queues the change with `announceOnCommit`, and the store's driver announces it once the
 * database has committed (see `announcingCommits`). So no writer can forget to wake the kiosks.
 */
export class ChangeEvents extends EventEmitter<{ changed: [DocumentsChanged] }> {
  constructor() {
    super();
    // One listener per open stream: hundreds are normal, not a leak.
    this.setMaxListeners(0);
  }

  announce(change: DocumentsChanged): void {
    if (change.count > 0) this.emit('changed', change);
  }
}

/**
 * What else a store does with a change queued in a transaction, in that transaction: PostgreSQL sends it to the
 * other server instances with NOTIFY, which the database delivers at commit and drops on rollback. Returns the
 * statement to run, or undefined.
 */
export type PublishInTransaction = (change: DocumentsChanged) => CompiledQuery | undefined;

/**
 * A connection of a store opened with `announcingCommits`: it keeps the changes queued by the transaction it runs
 * until the driver commits (announced) or rolls back (dropped).
 */
class AnnouncingConnection implements DatabaseConnection {
  queued: DocumentsChanged[] = [];

  constructor(
    readonly inner: DatabaseConnection,
    private readonly publish: PublishInTransaction | undefined,
  ) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.inner.executeQuery(compiledQuery);
  }

  streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery(compiledQuery, chunkSize);
  }

  async queue(change: DocumentsChanged): Promise<void> {
    this.queued.push(change);
    const statement = this.publish?.(change);
    if (statement) await this.inner.executeQuery(statement);
  }
}

/**
 * Queues a change written in transaction `tx`; it is announced once that transaction commits and dropped if it
 * rolls back. `tx` must come from a store opened with `announcingCommits` (openStore does); throws otherwise.
 */
export async function announceOnCommit(
  // biome-ignore lint/suspicious/noExplicitAny: any schema; only the connection is used
  tx: Kysely<any>,
  change: DocumentsChanged,
): Promise<void> {
  if (!tx.isTransaction) throw new Error('announceOnCommit needs the transaction that wrote the documents');
  // A transaction's executor always provides its one connection: the one the driver commits below.
  await tx.getExecutor().provideConnection(async (connection) => {
    if (!(connection instanceof AnnouncingConnection))
      throw new Error('announceOnCommit needs a store opened with announcingCommits (openStore)');
    await connection.queue(change);
  });
}

/** Delegates to a dialect's driver and announces a connection's queued changes right after its commit. */
class AnnouncingDriver implements Driver {
  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];
  /** the wrapper of each of the inner driver's connections (it reuses them: so do we) */
  private readonly wrappers = new WeakMap<DatabaseConnection, AnnouncingConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly changes: ChangeEvents,
    private readonly publish: PublishInTransaction | undefined,
  ) {
    // Nested transactions (savepoints) stay the inner driver's; their changes wait for the outer commit.
    const { savepoint, rollbackToSavepoint, releaseSavepoint } = inner;
    if (savepoint)
      this.savepoint = (connection, name, compile) =>
        savepoint.call(inner, unwrap(connection), name, compile);
    if (rollbackToSavepoint)
      this.rollbackToSavepoint = (connection, name, compile) =>
        rollbackToSavepoint.call(inner, unwrap(connection), name, compile);
    if (releaseSavepoint)
      this.releaseSavepoint = (connection, name, compile) =>
        releaseSavepoint.call(inner, unwrap(connection), name, compile);
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapper = this.wrappers.get(connection);
    if (!wrapper) {
      wrapper = new AnnouncingConnection(connection, this.publish);
      this.wrappers.set(connection, wrapper);
    }
    return wrapper;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    announcing(connection).queued = [];
    return this.inner.beginTransaction(unwrap(connection), settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const wrapper = announcing(connection);
    const changes = wrapper.queued;
    wrapper.queued = [];
    await this.inner.commitTransaction(wrapper.inner);
    for (const change of changes) this.changes.announce(change);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    announcing(connection).queued = [];
    return this.inner.rollbackTransaction(unwrap(connection));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function announcing(connection: DatabaseConnection): AnnouncingConnection {
  if (!(connection instanceof AnnouncingConnection)) throw new Error('not a connection of this driver');
  return connection;
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return announcing(connection).inner;
}

/**
 * The dialect with a driver that announces the changes queued by `announceOnCommit` on `changes` when their
 * transaction commits, after running `publish`'s statement for each in the transaction (PostgreSQL: NOTIFY).
 */
export function announcingCommits(
  dialect: Dialect,
  changes: ChangeEvents,
  publish?: PublishInTransaction,
): Dialect {
  return {
    createDriver: () => new AnnouncingDriver(dialect.createDriver(), changes, publish),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
