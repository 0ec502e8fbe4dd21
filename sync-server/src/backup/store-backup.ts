import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { migrateToLatest, openStore } from '../store/database';
import { FailedError, RefusedError } from './errors';
import { backupFormatOf } from './file-format';
import { backupPostgres, restorePostgres } from './postgres-backup';
import { type BackupProgress, backupSqlite } from './sqlite-backup';
import { restoreSqlite } from './sqlite-restore';

/** The path of a `sqlite:<path>` DATABASE_URL, or undefined for PostgreSQL. */
function sqlitePath(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('sqlite:')) return undefined;
  const path = databaseUrl.slice('sqlite:'.length);
  if (path === ':memory:')
    throw new RefusedError('an in-memory SQLite store cannot be backed up or restored');
  return resolve(path);
}

/**
 * Backs up the store a DATABASE_URL names into `file` while the server runs: SQLite through its online backup
 * API, PostgreSQL through pg_dump (custom format). Returns SQLite's pages copied and how often the copy restarted
 * because the server wrote meanwhile. Throws the errors of backupSqlite and backupPostgres.
 */
export async function backupStore(
  databaseUrl: string,
  file: string,
  options: { force?: boolean; onProgress?: (progress: BackupProgress) => void; pagesPerStep?: number } = {},
): Promise<{ pages: number; restarts: number } | undefined> {
  const path = sqlitePath(databaseUrl);
  if (path) return backupSqlite(path, file, options);
  await backupPostgres(databaseUrl, file, options.force);
  return undefined;
}

/**
 * Restores `file` (a backup of the same kind of store) into the empty store a DATABASE_URL names, then migrates
 * it to the latest schema; returns the migrations applied. A SQLite backup goes into a SQLite store and a
 * pg_dump into PostgreSQL only (moving between kinds is not a restore). Throws RefusedError (no such file, the
 * other kind of backup, a store with data), StoreUnavailableError, FailedError.
 */
export async function restoreStore(file: string, databaseUrl: string): Promise<{ migrations: string[] }> {
  if (!existsSync(file)) throw new RefusedError(`no backup file ${resolve(file)}`);
  const format = backupFormatOf(file);
  const path = sqlitePath(databaseUrl);
  const expected = path ? 'sqlite' : 'postgres-custom';
  if (format !== expected) {
    const what =
      format === 'unknown'
        ? 'neither a SQLite backup nor a pg_dump custom-format archive'
        : format === 'sqlite'
          ? 'a SQLite backup'
          : 'a PostgreSQL backup (pg_dump)';
    throw new RefusedError(
      `${resolve(file)} is ${what}; DATABASE_URL names a ${path ? 'SQLite' : 'PostgreSQL'} store`,
    );
  }
  if (path) return restoreSqlite(file, path);
  await restorePostgres(file, databaseUrl);
  const store = openStore(databaseUrl);
  try {
    return { migrations: await migrateToLatest(store) };
  } catch (error) {
    throw new FailedError(`the restored store could not be migrated: ${(error as Error).message}`);
  } finally {
    await store.close();
  }
}
