import type {
  BulkWriteRow,
  EventBulk,
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageQueryResult,
} from 'rxdb';
import { now } from 'rxdb';
import type { Observable, Subject } from 'rxjs';
import {
  type AttachmentBytes,
  readAttachment,
  readAttachmentBytes,
  removeAttachmentsOf,
} from './attachments.ts';
import { type ChangeBulk, leaveFeed, publish, unwatchOtherProcesses } from './change-feed.ts';
import { type Connection, releaseConnection, statement } from './connection.ts';
import {
  countWrite,
  documentsByIds,
  documentsByRowids,
  forgetTable,
  noteWrite,
  remember,
  tableCache,
} from './doc-cache.ts';
import { RxStorageSqliteError, toStorageError } from './errors.ts';
import { runCount, runQuery } from './query.ts';
import { dropTableSql, lwtFloorKey, quoteIdent, type TableLayout } from './table-layout.ts';
import type {
  BetterSqlite3InstanceCreationOptions,
  BetterSqlite3Internals,
  RxStorageBetterSqlite3,
} from './types.ts';
import { idOf, type WriteTarget, writeInTransaction } from './write.ts';

/** cleanup() purges at most this many tombstones per call (RxDB calls it again until it returns true). */
const CLEANUP_BATCH = 10_000;

export class RxStorageInstanceBetterSqlite3<RxDocType>
  implements
    RxStorageInstance<
      RxDocType,
      BetterSqlite3Internals,
      BetterSqlite3InstanceCreationOptions,
      RxStorageDefaultCheckpoint
    >
{
  readonly primaryPath: string;
  readonly internals: BetterSqlite3Internals;
  private readonly connection: Connection;
  private readonly layout: TableLayout;
  private readonly writeTarget: WriteTarget;
  private readonly writeTransaction: (
    rows: BulkWriteRow<unknown>[],
    context: string,
    bytes: AttachmentBytes | undefined,
  ) => ReturnType<typeof writeInTransaction>;
  /** Writes with attachments await their Blobs first; this keeps every write of the instance in call order. */
  private writeQueue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private closed = false;
  private removed = false;

  constructor(
    readonly storage: RxStorageBetterSqlite3,
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
    readonly options: Readonly<BetterSqlite3InstanceCreationOptions>,
    connection: Connection,
    layout: TableLayout,
    private readonly feed: Subject<ChangeBulk>,
    private readonly multiInstance: boolean,
  ) {
    this.connection = connection;
    this.layout = layout;
    this.primaryPath = layout.primaryPath;
    this.internals = { connection, layout };
    this.writeTarget = {
      connection,
      layout,
      collectionName,
      instance: this as unknown as RxStorageInstance<unknown, unknown, unknown>,
      logChanges: multiInstance,
    };
    const transaction = connection.db.transaction(
      (rows: BulkWriteRow<unknown>[], context: string, bytes: AttachmentBytes | undefined) =>
        writeInTransaction(this.writeTarget, rows, context, bytes),
    );
    // IMMEDIATE takes the write lock before the revs are read, so no other process can slip in between.
    this.writeTransaction = transaction.immediate;
  }

  private fail(err: unknown, operation: string): Error {
    return toStorageError(err, { path: this.connection.path, collection: this.collectionName, operation });
  }

  private ensureOpen(operation: string): void {
    if (this.closed || this.removed) {
      throw new RxStorageSqliteError('RXS6', {
        path: this.connection.path,
        collection: this.collectionName,
        operation,
      });
    }
  }

  bulkWrite(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    if (!this.layout.attachmentsTable) {
      // No Blobs to await: write now, so concurrent calls are handled in call order without queueing.
      try {
        return Promise.resolve(this.writeNow(documentWrites, context, undefined));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    const result = this.writeQueue.then(async () =>
      this.writeNow(
        documentWrites,
        context,
        await readAttachmentBytes(documentWrites as BulkWriteRow<unknown>[]),
      ),
    );
    this.writeQueue = result.catch(() => undefined);
    return result;
  }

  private writeNow(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
    bytes: AttachmentBytes | undefined,
  ): RxStorageBulkWriteResponse<RxDocType> {
    this.ensureOpen('bulkWrite');
    let outcome: ReturnType<typeof writeInTransaction>;
    try {
      outcome = this.writeTransaction(documentWrites as BulkWriteRow<unknown>[], context, bytes);
    } catch (err) {
      throw this.fail(err, 'bulkWrite');
    }
    const cache = tableCache(this.connection, this.layout.table);
    if (cache) {
      const primaryPath = this.primaryPath;
      for (const { doc, rowid } of outcome.written) {
        remember(this.connection, cache, idOf(primaryPath, doc), doc, rowid);
      }
    }
    noteWrite(this.connection, outcome.epoch);
    // Emitted after the commit and before bulkWrite() resolves, as RxDB requires.
    for (const bulk of outcome.bulks) publish(this.connection, this.layout.table, bulk);
    return { error: outcome.errors as RxStorageBulkWriteResponse<RxDocType>['error'] };
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    try {
      this.ensureOpen('findDocumentsById');
      // Same order (and duplicates) as the ids asked for, like the memory storage.
      const docs = documentsByIds(this.connection, this.layout.table, ids) as RxDocumentData<RxDocType>[];
      return Promise.resolve(withDeleted ? docs : docs.filter((doc) => !doc._deleted));
    } catch (err) {
      return Promise.reject(this.fail(err, 'findDocumentsById'));
    }
  }

  query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    try {
      this.ensureOpen('query');
      return Promise.resolve({ documents: runQuery(this.queryTarget(), preparedQuery) });
    } catch (err) {
      return Promise.reject(this.fail(err, 'query'));
    }
  }

  count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    try {
      this.ensureOpen('count');
      return Promise.resolve({ count: runCount(this.queryTarget(), preparedQuery), mode: 'fast' });
    } catch (err) {
      return Promise.reject(this.fail(err, 'count'));
    }
  }

  private queryTarget() {
    return {
      connection: this.connection,
      layout: this.layout,
      schema: this.schema as RxJsonSchema<RxDocumentData<RxDocType>>,
    };
  }

  /**
   * Checkpoint semantics of RxDB's default (a query on the ['_meta.lwt', primaryKey] index) without the
   * query: documents whose (lwt, id) index string is greater than the checkpoint's, in that order.
   */
  getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    try {
      this.ensureOpen('getChangedDocumentsSince');
      const index = this.layout.changesIndex;
      const t = quoteIdent(this.layout.table);
      let rowids: number[];
      if (checkpoint) {
        const since = index.indexString({
          [this.primaryPath]: checkpoint.id,
          _meta: { lwt: checkpoint.lwt },
        } as unknown as RxDocumentData<unknown>);
        const sql = `SELECT rowid FROM ${t} WHERE ${index.column} > ? ORDER BY ${index.column} LIMIT ?`;
        rowids = statement(this.connection, sql, 'pluck').all(since, limit) as number[];
      } else {
        const sql = `SELECT rowid FROM ${t} ORDER BY ${index.column} LIMIT ?`;
        rowids = statement(this.connection, sql, 'pluck').all(limit) as number[];
      }
      const documents = documentsByRowids(
        this.connection,
        this.layout.table,
        rowids,
      ) as RxDocumentData<RxDocType>[];
      const last = documents[documents.length - 1];
      const next: RxStorageDefaultCheckpoint = last
        ? { id: (last as Record<string, unknown>)[this.primaryPath] as string, lwt: last._meta.lwt }
        : (checkpoint ?? { id: '', lwt: 0 });
      return Promise.resolve({ documents, checkpoint: next });
    } catch (err) {
      return Promise.reject(this.fail(err, 'getChangedDocumentsSince'));
    }
  }

  changeStream(): Observable<
    EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
  > {
    return this.feed.asObservable() as unknown as Observable<
      EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
    >;
  }

  cleanup(minimumDeletedTime: number): Promise<boolean> {
    try {
      this.ensureOpen('cleanup');
      const t = quoteIdent(this.layout.table);
      const maxDeletionTime = now() - minimumDeletedTime;
      const attachmentsTable = this.layout.attachmentsTable;
      const purge = this.connection.db.transaction(() => {
        const ids = statement(
          this.connection,
          `SELECT id FROM ${t} WHERE deleted = 1 AND lwt <= ? ORDER BY lwt LIMIT ?`,
          'pluck',
        ).all(maxDeletionTime, CLEANUP_BATCH) as string[];
        if (ids.length === 0) return { purged: 0, epoch: undefined };
        // The newest lwt may go with the purged rows: keep it as the floor under new writes (write.ts).
        statement(
          this.connection,
          `INSERT INTO _rxdb_state (k, v) SELECT ?, lwt FROM ${t} WHERE true ORDER BY ${this.layout.changesIndex.column} DESC LIMIT 1 ON CONFLICT (k) DO UPDATE SET v = max(v, excluded.v)`,
        ).run(lwtFloorKey(this.layout));
        statement(this.connection, `DELETE FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`).run(
          JSON.stringify(ids),
        );
        if (attachmentsTable) removeAttachmentsOf(this.connection, attachmentsTable, ids);
        return { purged: ids.length, epoch: countWrite(this.connection) };
      });
      const { purged, epoch } = purge.immediate();
      if (purged > 0) {
        forgetTable(this.connection, this.layout.table);
        tableCache(this.connection, this.layout.table);
        noteWrite(this.connection, epoch);
      }
      return Promise.resolve(purged < CLEANUP_BATCH);
    } catch (err) {
      return Promise.reject(this.fail(err, 'cleanup'));
    }
  }

  getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    try {
      this.ensureOpen('getAttachmentData');
      const table = this.layout.attachmentsTable;
      if (!table) {
        throw new RxStorageSqliteError('RXS8', {
          path: this.connection.path,
          collection: this.collectionName,
          operation: 'getAttachmentData (the schema has no attachments)',
        });
      }
      return Promise.resolve(
        readAttachment(this.connection, table, documentId, attachmentId, digest, this.collectionName),
      );
    } catch (err) {
      return Promise.reject(this.fail(err, 'getAttachmentData'));
    }
  }

  async remove(): Promise<void> {
    if (this.closed || this.closing) {
      throw new RxStorageSqliteError('RXS6', {
        path: this.connection.path,
        collection: this.collectionName,
        operation: 'remove',
      });
    }
    await this.writeQueue;
    this.ensureOpen('remove');
    const table = this.layout.table;
    try {
      const epoch = this.connection.db
        .transaction(() => {
          this.connection.db.exec(dropTableSql(this.layout));
          statement(this.connection, 'DELETE FROM _rxdb_collections WHERE tbl = ?').run(table);
          statement(this.connection, 'DELETE FROM _rxdb_changes WHERE tbl = ?').run(table);
          return countWrite(this.connection);
        })
        .immediate();
      forgetTable(this.connection, table);
      tableCache(this.connection, table);
      noteWrite(this.connection, epoch);
    } catch (err) {
      throw this.fail(err, 'remove');
    }
    this.removed = true;
    await this.close();
  }

  close(): Promise<void> {
    if (!this.closing) {
      this.closing = this.writeQueue.then(() => {
        this.closed = true;
        leaveFeed(this.connection, this.layout.table);
        if (this.multiInstance) unwatchOtherProcesses(this.connection);
        releaseConnection(this.connection);
      });
    }
    return this.closing;
  }
}
