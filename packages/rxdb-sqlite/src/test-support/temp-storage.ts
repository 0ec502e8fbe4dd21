/**
 * Storages on fresh temp dirs for the tests (never imported by the storage), closed and removed after each test.
 */
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDocumentData, RxJsonSchema, RxStorageInstance } from 'rxdb';
import { getPseudoSchemaForVersion, randomToken } from 'rxdb';
import { afterEach } from 'vitest';
import { getRxStorageBetterSqlite3 } from '../storage.ts';
import type { BetterSqlite3StorageSettings, RxStorageBetterSqlite3 } from '../types.ts';

/** The context the tests name in their bulkWrite() calls, as RxDB's storage suite does. */
export const testContext = 'rxdb-sqlite.test';

/**
 * A storage on a fresh temp dir. Everything the test opened through `open()` is closed after the test and
 * the directory removed, so a test that fails half-way does not leak files or connections.
 */
export function useTempStorage(settings: Partial<BetterSqlite3StorageSettings> = {}) {
  const state: {
    dir: { path: string; remove: () => void } | undefined;
    storage: RxStorageBetterSqlite3 | undefined;
    opened: RxStorageInstance<unknown, unknown, unknown>[];
  } = { dir: undefined, storage: undefined, opened: [] };

  afterEach(async () => {
    await Promise.all(state.opened.map((instance) => instance.close().catch(() => undefined)));
    state.opened = [];
    state.dir?.remove();
    state.dir = undefined;
    state.storage = undefined;
  });

  function dir(): string {
    if (!state.dir) state.dir = tempDir('rxdb-sqlite-');
    return state.dir.path;
  }

  function storage(): RxStorageBetterSqlite3 {
    if (!state.storage) state.storage = getRxStorageBetterSqlite3({ directory: dir(), ...settings });
    return state.storage;
  }

  async function open<T>(
    options: {
      schema?: RxJsonSchema<RxDocumentData<T>>;
      databaseName?: string;
      collectionName?: string;
      multiInstance?: boolean;
      storage?: RxStorageBetterSqlite3;
    } = {},
  ): Promise<RxStorageInstance<T, unknown, unknown>> {
    const instance = await (options.storage ?? storage()).createStorageInstance<T>({
      databaseInstanceToken: randomToken(10),
      databaseName: options.databaseName ?? `db${randomToken(8)}`,
      collectionName: options.collectionName ?? `col${randomToken(8)}`,
      schema:
        options.schema ??
        (getPseudoSchemaForVersion<T>(0, 'key' as never) as RxJsonSchema<RxDocumentData<T>>),
      options: {},
      multiInstance: options.multiInstance ?? false,
      devMode: true,
    });
    state.opened.push(instance as RxStorageInstance<unknown, unknown, unknown>);
    return instance as unknown as RxStorageInstance<T, unknown, unknown>;
  }

  return { dir, storage, open };
}
