import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { writeAtomically } from './atomic-output';
import { FailedError, StoreUnavailableError } from './errors';

/** How far a copy has come, in database pages (4 KiB each by default). */
export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface SqliteBackupOptions {
  /** replace an existing file */
  force?: boolean;
  /** called after each step of the copy */
  onProgress?: (progress: BackupProgress) => void;
  /** pages copied per step (default 1024, 4 MiB): between steps the server's writes go on */
  pagesPerStep?: number;
}

/**
 * After this many restarts the copy takes the rest in one step. SQLite's online backup restarts whenever another
 * connection writes between two steps (sqlite.org/c3ref/backup_finish.html), so a busy server could keep a
 * stepwise copy from ever finishing; one step holds a read snapshot instead, which in WAL mode the server's
 * writes do not wait for.
 */
const RESTARTS_BEFORE_ONE_STEP = 2;
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the SQLite store at `sourcePath` into `file` while the server may be writing to it, with SQLite's online
 * backup API (better-sqlite3's `backup`): the copy is one consistent state of the store. The copy is checked
 * (quick_check) and switched to rollback journal mode, so the backup is one self-contained file. Throws
 * StoreUnavailableError when the store cannot be opened, RefusedError for an existing `file` without `force`,
 * FailedError when the copy fails (nothing is left under `file`).
 */
export async function backupSqlite(
  sourcePath: string,
  file: string,
  options: SqliteBackupOptions = {},
): Promise<{ pages: number; restarts: number }> {
  if (!existsSync(sourcePath)) throw new StoreUnavailableError(`no SQLite store at ${sourcePath}`);
  let source: BetterSqlite3.Database;
  try {
    source = new BetterSqlite3(sourcePath, { fileMustExist: true });
    source.pragma('busy_timeout = 5000');
    source.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    throw new StoreUnavailableError(
      `cannot open the SQLite store ${sourcePath}: ${(error as Error).message}`,
    );
  }
  const stepPages = options.pagesPerStep ?? 1024;
  let restarts = 0;
  let lastRemaining = Number.POSITIVE_INFINITY;
  let pages = 0;
  try {
    await writeAtomically(file, options.force ?? false, async (temporary) => {
      try {
        const done = await source.backup(temporary, {
          progress: (progress) => {
            if (progress.remainingPages > lastRemaining) restarts += 1;
            lastRemaining = progress.remainingPages;
            options.onProgress?.(progress);
            return restarts >= RESTARTS_BEFORE_ONE_STEP ? ALL_PAGES : stepPages;
          },
        });
        pages = done.totalPages;
      } catch (error) {
        throw new FailedError(`the copy of ${sourcePath} failed: ${(error as Error).message}`);
      }
      const copy = new BetterSqlite3(temporary, { fileMustExist: true });
      try {
        const check = copy.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw new FailedError(`the copy is damaged (quick_check: ${String(check)})`);
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
    });
  } finally {
    source.close();
  }
  return { pages, restarts };
}
