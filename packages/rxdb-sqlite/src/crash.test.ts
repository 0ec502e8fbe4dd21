/**
 * Durability: a child process writes check-ins and prints the id of every write RxDB reported done; it is
 * killed with SIGKILL in the middle of writing. After reopening, every printed id is in the file (a resolved
 * write is on disk) and `PRAGMA integrity_check` is ok (a write cut short leaves no damage). Run three
 * times, killed at different moments.
 */
import Database from 'better-sqlite3';
import { createRxDatabase, randomToken } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFilePath } from './database-file.ts';
import { getRxStorageBetterSqlite3 } from './storage.ts';
import { killChildren, startChild } from './test-support/child.ts';
import { checkinSchemaLiteral } from './test-support/fixtures.ts';
import { useTempStorage } from './test-support/temp-storage.ts';

const env = useTempStorage();
afterEach(killChildren);

describe('crash (SIGKILL while writing)', () => {
  it.each([150, 1200, 4000])(
    'keeps every resolved write after a kill once %i ids were printed',
    async (threshold) => {
      const name = `crash${randomToken(6)}`;
      const child = startChild('crash-writer.ts', [env.dir(), name]);
      await child.waitFor((line) => line === 'ready');
      await child.waitFor(() => child.lines.length > threshold);
      child.process.kill('SIGKILL');
      await child.exited;
      const printed = child.lines.filter((line) => line.startsWith('c'));
      expect(printed.length).toBeGreaterThan(threshold - 1);

      const path = databaseFilePath(env.dir(), name);
      const raw = new Database(path);
      try {
        expect(String(raw.pragma('integrity_check', { simple: true }))).toBe('ok');
      } finally {
        raw.close();
      }

      const db = await createRxDatabase({
        name,
        storage: getRxStorageBetterSqlite3({ directory: env.dir() }),
        multiInstance: false,
      });
      try {
        const { checkins } = await db.addCollections({ checkins: { schema: checkinSchemaLiteral } });
        const found = await checkins.findByIds(printed).exec();
        const missing = printed.filter((id) => !found.has(id));
        expect(missing).toEqual([]);
        // writes that were running at the kill are either whole or absent: never a partial bulk
        const total = await checkins.count().exec();
        expect(total).toBeGreaterThanOrEqual(printed.length);
      } finally {
        await db.close();
      }
    },
  );
});
