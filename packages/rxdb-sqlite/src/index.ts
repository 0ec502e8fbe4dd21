export { pollOtherProcesses } from './change-feed.ts';
export { openConnectionCount } from './connection.ts';
export { RxStorageSqliteError, STORAGE_ERROR_CODES, type StorageErrorCode } from './errors.ts';
export { RxStorageInstanceBetterSqlite3 } from './instance.ts';
export { getRxStorageBetterSqlite3, RX_STORAGE_NAME_BETTER_SQLITE3 } from './storage.ts';
export {
  type BetterSqlite3InstanceCreationOptions,
  type BetterSqlite3Internals,
  type BetterSqlite3StorageSettings,
  IN_MEMORY_DIRECTORY,
  type RxStorageBetterSqlite3,
} from './types.ts';
