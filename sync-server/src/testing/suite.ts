import { afterAll, beforeAll } from 'vitest';
import type { StoreKind } from '../store/database';
import { openTestStore, type TestStore } from '../store/test-stores';
import { startTestServer, type TestServer } from './test-server';

// A server or store shared by the tests of one `describe`: started in its `beforeAll`, stopped in its `afterAll`.
// The object is handed out when the `describe` is collected, before anything runs, so it reads the running one
// at each use; using it outside a test or hook is a mistake and throws saying so.

function runningForSuite<T extends object>(
  what: string,
  start: () => Promise<T>,
  stop: (running: T) => Promise<void>,
): T {
  let running: T | undefined;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    if (running) await stop(running);
    running = undefined;
  });
  return new Proxy({} as T, {
    get: (_, key) => {
      if (!running) throw new Error(`the suite's ${what} is not running: use it inside a test or hook`);
      return Reflect.get(running, key);
    },
  });
}

/**
 * A real server (startTestServer of `kind` with `options`) for the tests of the enclosing `describe`. Further
 * set-up (users, hubs, devices) goes in a `beforeAll` registered after this call, which runs after the start.
 */
export function serverForSuite(
  kind: StoreKind,
  options: Parameters<typeof startTestServer>[1] = {},
): TestServer {
  return runningForSuite(
    'server',
    () => startTestServer(kind, options),
    (t) => t.stop(),
  );
}

/** An empty migrated store (openTestStore of `kind`) for the tests of the enclosing `describe`. */
export function storeForSuite(kind: StoreKind): TestStore {
  return runningForSuite(
    'store',
    () => openTestStore(kind),
    (t) => t.cleanup(),
  );
}
