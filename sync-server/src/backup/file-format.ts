import { closeSync, openSync, readSync } from 'node:fs';

/** What a backup file holds, told by its first bytes. */
export type BackupFormat = 'sqlite' | 'postgres-custom' | 'unknown';

// The SQLite file header (sqlite.org/fileformat.html, 1.3) and pg_dump's custom-format archive magic (PGDMP).
const SQLITE_MAGIC = 'SQLite format 3\u0000';
const PG_CUSTOM_MAGIC = 'PGDMP';

/** Reads the first bytes of `file`; throws the file system's error when it cannot be read. */
export function backupFormatOf(file: string): BackupFormat {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    const text = head.subarray(0, read).toString('latin1');
    if (text === SQLITE_MAGIC) return 'sqlite';
    if (text.startsWith(PG_CUSTOM_MAGIC)) return 'postgres-custom';
    return 'unknown';
  } finally {
    closeSync(fd);
  }
}
