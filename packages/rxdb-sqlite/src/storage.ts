import type { RxDocumentData, RxJsonSchema, RxStorageInstanceCreationParams } from 'rxdb';
import { ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb';
import { joinFeed, leaveFeed, watchOtherProcesses } from './change-feed.ts';
import {
  acquireConnection,
  type Connection,
  type ResolvedSettings,
  releaseConnection,
  statement,
} from './connection.ts';
import { databaseFilePath } from './database-file.ts';
import { RxStorageSqliteError, toStorageError } from './errors.ts';
import { RxStorageInstanceBetterSqlite3 } from './instance.ts';
import { createTableSql, type TableLayout, tableLayout } from './table-layout.ts';
import type {
  BetterSqlite3InstanceCreationOptions,
  BetterSqlite3StorageSettings,
  RxStorageBetterSqlite3,
} from './types.ts';

export const RX_STORAGE_NAME_BETTER_SQLITE3 = 'better-sqlite3';

const DEFAULTS = {
  durability: 'full',
  busyTimeout: 5000,
  changePollInterval: 50,
  changeLogRetention: 600_000,
  readonly: false,
  cacheSizeKiB: 65_536,
  documentCacheSize: 10_000,
} as const;

/**
 * Makes sure the collection's tables exist, and that a file made earlier holds this collection with the
 * same indexes (index columns are positional, so other indexes would mean wrong query results).
 */
function ensureTables(
  connection: Connection,
  layout: TableLayout,
  params: RxStorageInstanceCreationParams<unknown, unknown>,
) {
  const indexes = JSON.stringify(layout.indexes.map((index) => index.fields));
  const parameters = {
    path: connection.path,
    collection: params.collectionName,
    operation: 'createStorageInstance',
  };
  const hasMeta =
    statement(
      connection,
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_rxdb_collections'",
      'pluck',
    ).get() === 1;
  const stored = hasMeta
    ? (statement(connection, 'SELECT indexes FROM _rxdb_collections WHERE tbl = ?', 'pluck').get(
        layout.table,
      ) as string | undefined)
    : undefined;
  if (stored !== undefined && stored !== indexes) {
    throw new RxStorageSqliteError('RXS7', { ...parameters, storedIndexes: stored, schemaIndexes: indexes });
  }
  if (connection.settings.readonly) {
    if (stored === undefined) throw new RxStorageSqliteError('RXS5', { ...parameters, table: layout.table });
    return;
  }
  const tableExists =
    statement(
      connection,
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
      'pluck',
    ).get(layout.table) === 1;
  if (stored !== undefined && tableExists) return;
  // Creating tables holds no document, so its commit need not wait for an fsync: the next document write
  // (synchronous=FULL) fsyncs the WAL up to and including it. Saves one fsync per new collection.
  const full = connection.settings.durability === 'full';
  if (full) connection.db.pragma('synchronous = NORMAL');
  try {
    connection.db
      .transaction(() => {
        connection.db.exec(createTableSql(layout));
        if (stored === undefined) {
          statement(
            connection,
            'INSERT INTO _rxdb_collections (tbl, collection, version, indexes, schema) VALUES (?, ?, ?, ?, ?)',
          ).run(
            layout.table,
            params.collectionName,
            params.schema.version,
            indexes,
            JSON.stringify(params.schema),
          );
        }
      })
      .immediate();
  } finally {
    if (full) connection.db.pragma('synchronous = FULL');
  }
}

export function getRxStorageBetterSqlite3(settings: BetterSqlite3StorageSettings): RxStorageBetterSqlite3 {
  if (!settings || typeof settings.directory !== 'string' || settings.directory.length === 0) {
    throw new TypeError(
      "getRxStorageBetterSqlite3(): settings.directory is required (a folder, or ':memory:')",
    );
  }
  const resolved: ResolvedSettings = Object.freeze({ ...DEFAULTS, ...settings });
  return {
    name: RX_STORAGE_NAME_BETTER_SQLITE3,
    rxdbVersion: RXDB_VERSION,
    settings: resolved,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, BetterSqlite3InstanceCreationOptions>,
    ): Promise<RxStorageInstanceBetterSqlite3<RxDocType>> {
      ensureRxStorageInstanceParamsAreCorrect(params);
      const path = databaseFilePath(resolved.directory, params.databaseName);
      const connection = acquireConnection(path, resolved);
      let layout: TableLayout;
      try {
        layout = tableLayout(params.collectionName, params.schema as RxJsonSchema<RxDocumentData<unknown>>);
        ensureTables(connection, layout, params as RxStorageInstanceCreationParams<unknown, unknown>);
      } catch (err) {
        releaseConnection(connection);
        throw toStorageError(err, {
          path,
          collection: params.collectionName,
          operation: 'createStorageInstance',
        });
      }
      const feed = joinFeed(connection, layout.table);
      try {
        if (params.multiInstance) watchOtherProcesses(connection);
      } catch (err) {
        leaveFeed(connection, layout.table);
        releaseConnection(connection);
        throw toStorageError(err, {
          path,
          collection: params.collectionName,
          operation: 'createStorageInstance',
        });
      }
      return new RxStorageInstanceBetterSqlite3<RxDocType>(
        this,
        params.databaseName,
        params.collectionName,
        params.schema,
        params.options,
        connection,
        layout,
        feed,
        params.multiInstance,
      );
    },
  };
}
