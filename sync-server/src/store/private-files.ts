import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/** Owner-only modes: the city's data and keys are nobody else's business on a shared machine. */
const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `path` (and its parents) if missing, and makes it owner-only (0700) whether new or not. */
export function privateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(path, PRIVATE_DIR_MODE);
}

/**
 * Makes a SQLite database file owner-only (0600) before SQLite opens it: created empty with that mode if missing,
 * chmod-ed if it exists, its -wal and -shm too when present. SQLite creates a new -wal and -shm with the mode of
 * the database file (unix VFS, robust_open), so they stay 0600 from then on.
 */
export function privateDatabaseFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`])
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}
