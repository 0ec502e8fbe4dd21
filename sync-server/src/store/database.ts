import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import { announcingCommits, ChangeEvents } from './change-events';
import { type ChangeListener, listenForChanges, notifyOtherInstances } from './change-listener';
import { migrationProvider } from './migrations/index';
import { privateDatabaseFile, privateDir } from './private-files';
import type { Database } from './schema';

export type StoreKind = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  /**
   * Commits of documents, announced after they committed: this store's own and, on PostgreSQL, those of every
   * other server instance on the same database (store/change-listener.ts).
   */
  changes: ChangeEvents;
  /** PostgreSQL: the connection that hears other instances' commits (undefined on SQLite: one instance only) */
  listener?: ChangeListener;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT as a string to protect values beyond 2^53; ours are milliseconds, far below it.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

/**
 * better-sqlite3 compiles every statement Kysely hands it, and the server sends the same texts over and over (a
 * push's, the report projectors'): the compiled ones are kept, the least recently used dropped past `max`. Kysely
 * runs one statement at a time on the connection, so a cached statement is never in use twice.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, max = 300): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement) cache.delete(text);
      else statement = sqlite.prepare(text);
      cache.set(text, statement);
      if (cache.size > max) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}

/** Opens the store named by a DATABASE_URL (`sqlite:<path>` or `postgres://…`). One query layer, two dialects. */
export function openStore(databaseUrl: string): Store {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    // The city's personal data: the file and its -wal/-shm 0600, a folder made for it 0700 (an existing folder
    // is the operator's choice; DATA_DIR itself is made 0700 by main.ts).
    if (path !== ':memory:') {
      if (!existsSync(dirname(path))) privateDir(dirname(path));
      privateDatabaseFile(path);
    }
    const sqlite = new BetterSqlite3(path);
    // WAL: readers never wait for the writer; FULL: a transaction the server answered for survives a power cut.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // ANALYZE (reports/planner-statistics.ts) samples about this many index entries instead of reading every one.
    sqlite.pragma('analysis_limit = 1000');
    const changes = new ChangeEvents();
    const db = new Kysely<Database>({
      // Every commit announces the documents it wrote to the live streams (store/change-events.ts).
      dialect: announcingCommits(new SqliteDialect({ database: withStatementCache(sqlite) }), changes),
    });
    return { db, kind: 'sqlite', changes, close: () => db.destroy() };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    // An idle connection the server closes (restart, failover, a dropped database) emits 'error' on the pool;
    // unhandled, that would end the process. The pool replaces the connection at the next query.
    pool.on('error', (error) => console.warn(`PostgreSQL idle connection lost: ${error.message}`));
    const changes = new ChangeEvents();
    // Other server instances on this database hear this one's commits by NOTIFY, and it hears theirs.
    const instanceId = randomUUID();
    const db = new Kysely<Database>({
      dialect: announcingCommits(new PostgresDialect({ pool }), changes, notifyOtherInstances(instanceId)),
    });
    const listener = listenForChanges({ connectionString: databaseUrl, instanceId, changes });
    return {
      db,
      kind: 'postgres',
      changes,
      listener,
      close: async () => {
        await listener.close();
        await db.destroy();
      },
    };
  }
  throw new Error(`unsupported DATABASE_URL: ${databaseUrl.split(':')[0]}:…`);
}

/** Brings the schema to the latest version; throws with the name of the migration that failed. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
