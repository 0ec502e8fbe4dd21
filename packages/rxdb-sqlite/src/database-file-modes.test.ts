/**
 * Secrets at rest (issue 13, item 6): a database file, its -wal and -shm are owner-only (0600) from the first
 * write, a folder made for them 0700, and a file left world-readable by an older version is tightened on open.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFilePath } from './database-file.ts';
import { getRxStorageBetterSqlite3 } from './storage.ts';
import { writeData } from './test-support/fixtures.ts';
import { testContext, useTempStorage } from './test-support/temp-storage.ts';

const env = useTempStorage();
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('database file modes', () => {
  const oldUmask = process.umask(0o022);
  afterEach(() => process.umask(oldUmask));

  it('creates the file, its -wal and -shm 0600, and a missing folder 0700', async () => {
    const directory = join(env.dir(), 'kiosk');
    const instance = await env.open({
      databaseName: 'kiosk',
      storage: getRxStorageBetterSqlite3({ directory }),
    });
    await instance.bulkWrite([{ document: writeData() }], testContext);
    const path = databaseFilePath(directory, 'kiosk');
    expect(modeOf(directory)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file)).toBe(true);
      expect(modeOf(file)).toBe(0o600);
    }
  });

  it('tightens a world-readable file left by an older version, and so its new -wal and -shm', async () => {
    const directory = join(env.dir(), 'older');
    mkdirSync(directory, { mode: 0o755 });
    const path = databaseFilePath(directory, 'older');
    const storage = getRxStorageBetterSqlite3({ directory });
    const instance = await env.open({ databaseName: 'older', collectionName: 'docs', storage });
    await instance.bulkWrite([{ document: writeData() }], testContext);
    await instance.close();
    chmodSync(path, 0o644);
    for (const file of [`${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o644);
    const again = await env.open({ databaseName: 'older', collectionName: 'docs', storage });
    await again.bulkWrite([{ document: writeData({ key: 'second' } as never) }], testContext);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file)).toBe(0o600);
  });
});
