import { createTestDatabase, postgresAvailable } from '@vigevano/testkit/postgres';
import { tempDir } from '@vigevano/testkit/tmp';
import { migrateToLatest, openStore, type Store, type StoreKind } from './database';

/**
 * The stores every store-touching test runs on: SQLite always, PostgreSQL when a server is available
 * (printing why not otherwise, and failing instead in CI, where VIGEVANO_REQUIRE_POSTGRES=1).
 */
export function testStoreKinds(): StoreKind[] {
  return postgresAvailable() ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestStore {
  store: Store;
  url: string;
  /** closes the store and deletes its file or database */
  cleanup(): Promise<void>;
}

/** An empty store of that kind, migrated unless `migrate` is false. */
export async function openTestStore(
  kind: StoreKind,
  options: { migrate?: boolean } = {},
): Promise<TestStore> {
  let url: string;
  let remove: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = tempDir('vigevano-store-');
    url = `sqlite:${dir.path}/city.sqlite`;
    remove = async () => dir.remove();
  } else {
    const database = await createTestDatabase('server');
    url = database.url;
    remove = database.drop;
  }
  const store = openStore(url);
  if (options.migrate !== false) await migrateToLatest(store);
  return {
    store,
    url,
    cleanup: async () => {
      await store.close();
      await remove();
    },
  };
}
