import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SQLiteBasics, SQLiteQueryWithParams } from 'rxdb/plugins/storage-sqlite';

/**
 * RxDB's trial SQLite storage on better-sqlite3. RxDB 17 ships adapters for node-sqlite3
 * (getSQLiteBasicsNode, callback API) and for node:sqlite (getSQLiteBasicsNodeNative), not for
 * better-sqlite3, whose `all()` refuses statements that return no rows (the trial runs its INSERTs through
 * `all()`) and whose binding refuses booleans. This adapter fills those gaps and gives the trial the same
 * durability as our storage (WAL, synchronous=FULL), so the comparison is like for like.
 */
function bindable(params: SQLiteQueryWithParams['params']): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

export function getSQLiteBasicsBetterSqlite3(directory: string): SQLiteBasics<Database.Database> {
  return {
    debugId: 'better-sqlite3',
    open: async (name: string) => {
      const db = new Database(join(directory, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.sqlite`));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      return db;
    },
    all: async (db, { query, params }) => {
      const statement = db.prepare(query);
      if (!statement.reader) {
        statement.run(...bindable(params));
        return [];
      }
      return statement.all(...bindable(params)) as never;
    },
    run: async (db, { query, params }) => {
      db.prepare(query).run(...bindable(params));
    },
    setPragma: async (db, key, value) => {
      db.pragma(`${key} = ${value}`);
    },
    close: async (db) => {
      db.close();
    },
    journalMode: 'WAL',
  };
}
