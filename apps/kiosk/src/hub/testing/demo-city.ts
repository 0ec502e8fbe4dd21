import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { afterAll, beforeAll } from 'vitest';
import { type KioskIdentity, readIdentity } from '../identity';

/** The demo city's sync server shared by the tests of a file or `describe`, with its seeded kiosks. */
export interface DemoCity {
  /** the running server; set by the suite's `beforeAll`, so read it inside hooks and tests only */
  server: DemoServer;
  /** the identities of the kiosks the demo seed enrolled, in the order of `server.kioskDirs()` */
  identities: KioskIdentity[];
  /** what the tests started against the server (kiosks, proxies): run last first after the suite, before it stops */
  cleanups: Array<() => Promise<void> | void>;
}

/**
 * Starts the demo city's server (startDemoServer, `env` adding server settings such as STREAMS_PER_DEVICE) before
 * the suite's tests and, after them, runs the suite's cleanups and disposes of the server and its data.
 */
export function demoCityAroundSuite(env: Record<string, string> = {}): DemoCity {
  const city = { identities: [], cleanups: [] } as unknown as DemoCity;
  // Starting the demo city's server on a busy machine may take more than the default minute.
  beforeAll(async () => {
    city.server = await startDemoServer(env);
    city.identities = city.server.kioskDirs().map(readIdentity);
  }, 180_000);
  afterAll(async () => {
    for (const cleanup of city.cleanups.reverse()) await cleanup();
    await city.server?.dispose();
  });
  return city;
}
