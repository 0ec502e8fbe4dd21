import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { IN_MEMORY_DIRECTORY } from './types.ts';

/**
 * File of one RxDatabase. The database name becomes a file name: characters that are not safe in file names
 * on every platform (and '%' itself) are percent-encoded, so distinct names never share a file.
 */
export function databaseFilePath(directory: string, databaseName: string): string {
  if (directory === IN_MEMORY_DIRECTORY) {
    return `${IN_MEMORY_DIRECTORY}${databaseName}`;
  }
  // Fixed-width code units (`%002f`), so that no two names can encode to the same file name.
  const safe = databaseName.replace(
    /[^A-Za-z0-9._-]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return resolve(join(directory, `${safe}.sqlite`));
}

/** Owner-only modes for a database's folder and files: a kiosk's data is personal, and kiosks get stolen. */
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/**
 * Readies the file at `path` for SQLite, owner-only: a missing folder is made 0700, a missing file is created
 * empty with 0600, an existing one and its -wal and -shm are chmod-ed to 0600. SQLite gives a new -wal and -shm
 * the mode of the database file (unix VFS, robust_open), so they stay 0600. An existing folder keeps its mode: it
 * is the application's data folder and the application decides (the kiosk makes it 0700).
 */
export function preparePrivateDatabaseFile(path: string): void {
  const directory = dirname(path);
  if (!existsSync(directory)) mkdirSync(directory, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`])
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}
