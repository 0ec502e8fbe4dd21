import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CityServerProcess, startCityServer } from '@vigevano/testkit/city-server-process';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCardKeyFile } from '../keys/key-file';

// Secrets at rest (issue 13, item 6) on the real server process (main.ts) over SQLite: DATA_DIR 0700, the city
// database with its -wal and -shm 0600, the card-signing key in a 0600 file in a 0700 folder and nowhere in the
// database; a data folder left world-readable by an older version is tightened at the next start.

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('secrets at rest on the server', () => {
  let server: CityServerProcess;
  beforeAll(async () => {
    server = await startCityServer({ demoCity: false });
  }, 120_000);
  afterAll(() => server?.dispose());

  const expectPrivate = () => {
    const db = join(server.dataDir, 'city.sqlite');
    const keyFile = join(server.dataDir, 'keys', 'card-signing-key.json');
    expect(modeOf(server.dataDir)).toBe(0o700);
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      expect(existsSync(file)).toBe(true);
      expect(modeOf(file)).toBe(0o600);
    }
    expect(modeOf(join(server.dataDir, 'keys'))).toBe(0o700);
    expect(modeOf(keyFile)).toBe(0o600);
    return { db, keyFile };
  };

  it('keeps the data folder 0700, the database files and the key file 0600, and no key in the database', () => {
    const { db, keyFile } = expectPrivate();
    const secret = readCardKeyFile(keyFile).current.secretKey;
    const sqlite = new BetterSqlite3(db, { readonly: true });
    try {
      expect(sqlite.prepare('select count(*) as n from server_keys').get()).toEqual({ n: 0 });
    } finally {
      sqlite.close();
    }
    // not in any page of the database, its log or anything else in the data folder but the key file
    for (const file of readdirSync(server.dataDir, { recursive: true }) as string[]) {
      const path = join(server.dataDir, file);
      if (path === keyFile || !statSync(path).isFile()) continue;
      expect(readFileSync(path).includes(secret), file).toBe(false);
    }
  });

  it('tightens a data folder and database files left world-readable, at the next start', async () => {
    const db = join(server.dataDir, 'city.sqlite');
    await server.kill();
    for (const file of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(file)) chmodSync(file, 0o644);
    chmodSync(server.dataDir, 0o755);
    await server.restart();
    expectPrivate();
  }, 120_000);
});
