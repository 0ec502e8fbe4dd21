import type { RxStorage } from 'rxdb';
import type { Connection } from './connection.ts';
import type { TableLayout } from './table-layout.ts';

/** Value of `directory` that keeps every database in memory (tests, throw-away caches). */
export const IN_MEMORY_DIRECTORY = ':memory:';

/**
 * Settings of `getRxStorageBetterSqlite3()`. Every field is documented in the package README.
 */
export type BetterSqlite3StorageSettings = {
  /**
   * Folder in which each RxDatabase gets its own SQLite file `<databaseName>.sqlite` (created if missing).
   * `':memory:'` keeps each database in memory instead: shared by the instances of one process while at least
   * one of them is open, gone when the last one closes.
   */
  directory: string;
  /**
   * `'full'` (default): a resolved `bulkWrite()` has been fsynced to the WAL, so it survives a power cut.
   * `'normal'`: commits are not fsynced; they survive a crash of the process but the last ones can be lost
   * on a power cut. Only for data that can be rebuilt.
   */
  durability?: 'full' | 'normal';
  /** How long (ms) a write waits for another process holding the write lock before it fails. Default 5000. */
  busyTimeout?: number;
  /**
   * How often (ms) an instance opened with `multiInstance: true` looks for writes made by other processes
   * (`PRAGMA data_version`, then the change log). Default 50. 0 turns cross-process events off.
   */
  changePollInterval?: number;
  /** How long (ms) the cross-process change log keeps an entry. Default 600_000 (10 minutes). */
  changeLogRetention?: number;
  /** Open the files read-only: writes fail with RXS3, collections missing from the file fail with RXS5. */
  readonly?: boolean;
  /** SQLite page cache per file, in KiB (an upper bound, filled as pages are read). Default 65536 (64 MiB). */
  cacheSizeKiB?: number;
  /**
   * Parsed documents kept in memory per collection, so hot documents skip SQLite and JSON.parse. Checked
   * against writes of other processes on every read. Default 10000; 0 turns it off.
   */
  documentCacheSize?: number;
};

/** The storage has no per-instance options; everything is in the settings. */
export type BetterSqlite3InstanceCreationOptions = Record<string, never>;

/** Exposed as `instance.internals`: tests and tools can reach the SQLite connection through it. */
export type BetterSqlite3Internals = {
  connection: Connection;
  layout: TableLayout;
};

export type RxStorageBetterSqlite3 = RxStorage<
  BetterSqlite3Internals,
  BetterSqlite3InstanceCreationOptions
> & {
  readonly settings: Readonly<Required<BetterSqlite3StorageSettings>>;
};
