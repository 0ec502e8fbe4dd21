import { afterEach } from 'vitest';
import type { StoreKind } from '../store/database';
import { openTestStore, type TestStore } from '../store/test-stores';

/**
 * For a `describe` whose tests each want a store of their own: returns the function a test opens its store with
 * (openTestStore of `kind`: an empty store, migrated unless `migrate` is false) and registers an `afterEach` that
 * closes and deletes every store the test opened, also when it failed half-way.
 */
export function storeForEachTest(kind: StoreKind): (options?: { migrate?: boolean }) => Promise<TestStore> {
  const opened: TestStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((t) => t.cleanup()));
  });
  return async (options) => {
    const t = await openTestStore(kind, options);
    opened.push(t);
    return t;
  };
}
