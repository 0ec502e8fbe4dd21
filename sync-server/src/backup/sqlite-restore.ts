import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrateToLatest, openStore } from '../store/database';
import { privateDatabaseFile, privateDir } from '../store/private-files';
import { writeAtomically } from './atomic-output';
import { FailedError, RefusedError, StoreUnavailableError } from './errors';
import { MIGRATION_TABLE, refusalToReplace, type StoreContents } from './store-contents';

/** What the SQLite store at `path` holds (an absent file holds nothing). */
function sqliteContents(path: string): StoreContents {
  if (!existsSync(path)) return { tables: [], migrated: false, users: 0, documents: 0 };
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path, { fileMustExist: true });
  } catch (error) {
    throw new StoreUnavailableError(`cannot open the SQLite store ${path}: ${(error as Error).message}`);
  }
  try {
    const tables = (
      db
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const count = (table: string) =>
      tables.includes(table)
        ? (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
        : 0;
    return {
      tables,
      migrated: tables.includes(MIGRATION_TABLE),
      users: count('users'),
      documents: count('documents'),
    };
  } catch (error) {
    throw new StoreUnavailableError(`cannot read the SQLite store ${path}: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Throws RefusedError when another process has the SQLite store at `path` open (a running server): an exclusive
 * lock cannot be had while another connection holds the file open in WAL mode, as the server does.
 */
function refuseIfInUse(path: string): void {
  if (!existsSync(path)) return;
  const db = new BetterSqlite3(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 1000');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY'))
      throw new RefusedError(`the store ${path} is in use: stop the server first`);
    throw new StoreUnavailableError(`cannot open the SQLite store ${path}: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Restores a SQLite backup (`backupSqlite`'s file) into the store at `targetPath`, which must be absent or empty
 * (no users, no documents) and not in use: stop the server first. The backup is copied next to the store, checked
 * with integrity_check, migrated to the latest schema and only then renamed into place, so a failure leaves the
 * store as it was. Returns the migrations applied. Throws RefusedError (a store with data, a damaged backup),
 * StoreUnavailableError, FailedError.
 */
export async function restoreSqlite(file: string, targetPath: string): Promise<{ migrations: string[] }> {
  const refusal = refusalToReplace(sqliteContents(targetPath), `the store ${targetPath}`);
  if (refusal) throw new RefusedError(refusal);
  refuseIfInUse(targetPath);
  if (!existsSync(dirname(targetPath))) privateDir(dirname(targetPath));
  let migrations: string[] = [];
  await writeAtomically(targetPath, true, async (temporary) => {
    copyFileSync(file, temporary);
    privateDatabaseFile(temporary);
    const copy = new BetterSqlite3(temporary, { fileMustExist: true });
    try {
      const problems = copy.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
      const report = problems.map((p) => p.integrity_check);
      if (report.join() !== 'ok')
        throw new RefusedError(`the backup ${file} is damaged: ${report.slice(0, 3).join('; ')}`);
    } finally {
      copy.close();
    }
    const store = openStore(`sqlite:${temporary}`);
    try {
      migrations = await migrateToLatest(store);
    } catch (error) {
      throw new FailedError(`the restored store could not be migrated: ${(error as Error).message}`);
    } finally {
      await store.close();
    }
    // The store being replaced was empty; its journal files must not be applied to the restored one.
    for (const journal of [`${targetPath}-wal`, `${targetPath}-shm`]) rmSync(journal, { force: true });
  });
  return { migrations };
}
