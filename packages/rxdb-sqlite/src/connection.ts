import Database from 'better-sqlite3';
import { randomToken } from 'rxdb';
import type { Subject } from 'rxjs';
import type { ChangeBulk } from './change-feed.ts';
import { preparePrivateDatabaseFile } from './database-file.ts';
import { attachCache, detachCache, type TableCache } from './doc-cache.ts';
import { sqliteCodeOf, toStorageError } from './errors.ts';
import { type BetterSqlite3StorageSettings, IN_MEMORY_DIRECTORY } from './types.ts';

export type ResolvedSettings = Readonly<Required<BetterSqlite3StorageSettings>>;

/**
 * One SQLite connection per database file and process, shared by every storage instance (collection) of
 * that file: better-sqlite3 is synchronous, so one connection serialises all writes of the process and the
 * instances of one process see each other's writes (and events) at once. Other processes have their own
 * connection; SQLite's locking keeps the file consistent and the change log carries their events.
 */
export type Connection = {
  /** Absolute file path, or ':memory:<databaseName>'. Used in every error message. */
  readonly path: string;
  readonly db: Database.Database;
  readonly settings: ResolvedSettings;
  /** Identifies this connection in the change log, so it skips its own entries. */
  readonly origin: string;
  refCount: number;
  readonly statements: Map<string, Database.Statement>;
  /** In-process change streams, one per table, shared by the instances of that table. */
  readonly feeds: Map<string, { subject: Subject<ChangeBulk>; users: number }>;
  /** Cross-process watching: how many multiInstance instances use it, the timer, and where it is. */
  watchers: number;
  poller: NodeJS.Timeout | undefined;
  lastSeq: number;
  lastDataVersion: number;
  loggedWrites: number;
  /** Parsed documents per table (doc-cache.ts), valid while `PRAGMA data_version` equals cacheVersion. */
  docCaches: Map<string, TableCache>;
  cacheVersion: number;
  /** Where docCaches is kept between connections to the same file (doc-cache.ts). */
  sharedCacheKey: string | undefined;
};

const CONNECTIONS = new Map<string, Connection>();

/** Tables of our own; collection tables are named '<collection>@<version>' and can never clash with them. */
const META_SQL = `
CREATE TABLE IF NOT EXISTS _rxdb_collections (
  tbl TEXT PRIMARY KEY NOT NULL, collection TEXT NOT NULL, version INTEGER NOT NULL,
  indexes TEXT NOT NULL, schema TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS _rxdb_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, origin TEXT NOT NULL, ts REAL NOT NULL,
  bulk TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS _rxdb_state (k TEXT PRIMARY KEY NOT NULL, v NOT NULL);
INSERT OR IGNORE INTO _rxdb_state (k, v) VALUES ('writes', 0);
`;

function openDatabase(path: string, settings: ResolvedSettings): Database.Database {
  const inMemory = settings.directory === IN_MEMORY_DIRECTORY;
  let db: Database.Database;
  try {
    if (!inMemory && !settings.readonly) {
      preparePrivateDatabaseFile(path);
    }
    db = new Database(inMemory ? ':memory:' : path, {
      readonly: settings.readonly,
      fileMustExist: settings.readonly,
      timeout: settings.busyTimeout,
    });
  } catch (err) {
    throw toStorageError(err, { path, operation: 'open' });
  }
  try {
    // Reading the schema first proves the file is a database before anything is written to it: a
    // corrupt or foreign file fails here (SQLITE_NOTADB) and is left exactly as it was.
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      // A WAL file's first read creates its shared-memory index (the -shm file), which a full disk refuses. In
      // exclusive locking mode SQLite keeps that index in this process's memory instead, so the file still opens
      // and can be read (writes then fail cleanly with SQLITE_FULL); the connection holds the file's lock alone.
      // The mode must be set before the connection's first access to the WAL file: on a new connection.
      if (sqliteCodeOf(err) !== 'SQLITE_IOERR_SHMSIZE' || settings.readonly) throw err;
      db.close();
      db = new Database(path, { timeout: settings.busyTimeout });
      db.pragma('locking_mode = EXCLUSIVE');
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    }
    if (!inMemory && !settings.readonly) {
      // WAL: readers never block the writer and a commit is one append to the -wal file.
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') {
        throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
      }
    }
    // FULL: every commit is fsynced to the WAL before it returns, so a resolved write survives a power cut.
    db.pragma(`synchronous = ${settings.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma(`cache_size = -${Math.max(256, Math.floor(settings.cacheSizeKiB))}`);
    db.pragma('temp_store = MEMORY');
    if (!settings.readonly) {
      db.exec(META_SQL);
      // identifies this file (not its path) for the document cache kept between connections
      db.prepare("INSERT OR IGNORE INTO _rxdb_state (k, v) VALUES ('file', ?)").run(randomToken(16));
    }
  } catch (err) {
    db.close();
    throw toStorageError(err, { path, operation: 'open' });
  }
  return db;
}

export function acquireConnection(path: string, settings: ResolvedSettings): Connection {
  const existing = CONNECTIONS.get(path);
  if (existing) {
    existing.refCount++;
    return existing;
  }
  const connection: Connection = {
    path,
    db: openDatabase(path, settings),
    settings,
    origin: randomToken(12),
    refCount: 1,
    statements: new Map(),
    feeds: new Map(),
    watchers: 0,
    poller: undefined,
    lastSeq: 0,
    lastDataVersion: 0,
    loggedWrites: 0,
    docCaches: new Map(),
    cacheVersion: -1,
    sharedCacheKey: undefined,
  };
  CONNECTIONS.set(path, connection);
  try {
    attachCache(connection);
  } catch (err) {
    releaseConnection(connection);
    throw toStorageError(err, { path, operation: 'open' });
  }
  return connection;
}

export function releaseConnection(connection: Connection): void {
  connection.refCount--;
  if (connection.refCount > 0) return;
  if (connection.poller) {
    clearInterval(connection.poller);
    connection.poller = undefined;
  }
  for (const feed of connection.feeds.values()) feed.subject.complete();
  connection.feeds.clear();
  detachCache(connection);
  connection.statements.clear();
  CONNECTIONS.delete(connection.path);
  try {
    connection.db.close();
  } catch (err) {
    throw toStorageError(err, { path: connection.path, operation: 'close' });
  }
}

export type StatementMode = 'rows' | 'pluck' | 'raw';

/**
 * Prepared statements are cached per connection, SQL text and result mode (preparing costs more than
 * running). 'pluck' returns the first column only, 'raw' returns arrays instead of objects.
 */
export function statement(
  connection: Connection,
  sql: string,
  mode: StatementMode = 'rows',
): Database.Statement {
  const key = `${mode}:${sql}`;
  let prepared = connection.statements.get(key);
  if (!prepared) {
    prepared = connection.db.prepare(sql);
    if (mode === 'pluck') prepared.pluck(true);
    if (mode === 'raw') prepared.raw(true);
    connection.statements.set(key, prepared);
  }
  return prepared;
}

/** Number of files this process holds open (tests use it to prove that they closed what they opened). */
export function openConnectionCount(): number {
  return CONNECTIONS.size;
}
