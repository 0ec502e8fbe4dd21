/**
 * Errors of the storage itself (not per-document write errors, which RxDB reports inside bulkWrite's result).
 * They have the shape of RxDB's RxError (`rxdb: true`, `code`, `parameters`, name `RxError (CODE)`) so callers
 * handle both the same way; the codes are ours (RXS…) because RxDB has none for a file on disk.
 */
export const STORAGE_ERROR_CODES = {
  RXS1: 'cannot open the SQLite file',
  RXS2: 'the file is not a valid SQLite database or is corrupt',
  RXS3: 'the file is read-only',
  RXS4: 'the disk is full: the write was rolled back, the file is unchanged',
  RXS5: 'the collection does not exist in this file (and the file is opened read-only)',
  RXS6: 'the storage instance is closed or was removed',
  RXS7: 'the collection was created in this file with different indexes for the same schema version',
  RXS8: 'the attachment does not exist',
  RXS9: 'the file is locked by another process (busy timeout exceeded)',
  RXS10: 'disk I/O error',
  RXS11: 'SQLite error',
} as const;

export type StorageErrorCode = keyof typeof STORAGE_ERROR_CODES;

export type StorageErrorParameters = {
  path: string;
  collection?: string;
  operation?: string;
  sqliteCode?: string;
  [key: string]: unknown;
};

export class RxStorageSqliteError extends Error {
  readonly rxdb = true as const;
  readonly code: StorageErrorCode;
  readonly parameters: StorageErrorParameters;

  constructor(code: StorageErrorCode, parameters: StorageErrorParameters, cause?: unknown) {
    const where = parameters.collection ? ` (collection "${parameters.collection}")` : '';
    const op = parameters.operation ? ` during ${parameters.operation}` : '';
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    super(`${STORAGE_ERROR_CODES[code]}${op}${where}, file ${parameters.path}${detail}`, { cause });
    this.code = code;
    this.parameters = parameters;
  }

  override get name(): string {
    return `RxError (${this.code})`;
  }
}

/** The SQLite result code of an error thrown by better-sqlite3 (e.g. `SQLITE_FULL`), if it is one. */
export function sqliteCodeOf(err: unknown): string | undefined {
  if (
    err instanceof Error &&
    'code' in err &&
    typeof err.code === 'string' &&
    err.code.startsWith('SQLITE_')
  ) {
    return err.code;
  }
  return undefined;
}

function codeForSqlite(sqliteCode: string): StorageErrorCode {
  if (sqliteCode === 'SQLITE_FULL') return 'RXS4';
  if (sqliteCode.startsWith('SQLITE_READONLY')) return 'RXS3';
  if (sqliteCode === 'SQLITE_NOTADB' || sqliteCode.startsWith('SQLITE_CORRUPT')) return 'RXS2';
  if (sqliteCode.startsWith('SQLITE_CANTOPEN')) return 'RXS1';
  if (sqliteCode.startsWith('SQLITE_BUSY') || sqliteCode.startsWith('SQLITE_LOCKED')) return 'RXS9';
  if (sqliteCode.startsWith('SQLITE_IOERR')) return 'RXS10';
  return 'RXS11';
}

/**
 * Turns anything thrown while talking to SQLite into an RxStorageSqliteError that names the file.
 * Errors that already are ours (or RxDB's) pass through unchanged.
 */
export function toStorageError(err: unknown, parameters: StorageErrorParameters): Error {
  if (err instanceof RxStorageSqliteError) return err;
  if (err instanceof Error && 'rxdb' in err) return err;
  const sqliteCode = sqliteCodeOf(err);
  if (sqliteCode) {
    return new RxStorageSqliteError(codeForSqlite(sqliteCode), { ...parameters, sqliteCode }, err);
  }
  if (err instanceof TypeError && /database connection is not open/i.test(err.message)) {
    return new RxStorageSqliteError('RXS6', parameters, err);
  }
  return err instanceof Error ? err : new Error(String(err));
}
