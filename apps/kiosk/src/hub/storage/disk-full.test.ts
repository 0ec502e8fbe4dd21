import { getRxStorageBetterSqlite3 } from '@vigevano/rxdb-sqlite';
import { tempDir } from '@vigevano/testkit/tmp';
import { createRxDatabase } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { isDiskFullError } from './disk-full';
import { DiskWatch } from './disk-watch';

describe('recognising a full disk', () => {
  it('recognises our storage’s RXS4 from a real SQLite file that has hit its size limit, and nothing else', async () => {
    const dir = tempDir();
    const db = await createRxDatabase({
      name: 'full',
      storage: getRxStorageBetterSqlite3({ directory: dir.path }),
      multiInstance: false,
    });
    const { things } = await db.addCollections({
      things: {
        schema: {
          version: 0,
          primaryKey: 'id',
          type: 'object',
          properties: { id: { type: 'string', maxLength: 40 }, text: { type: 'string' } },
          required: ['id', 'text'],
        },
      },
    });
    const internals = things?.storageInstance.internals as {
      connection: { db: import('better-sqlite3').Database };
    };
    const sqlite = internals.connection.db;
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true })) + 2}`);
    const error = await things
      ?.bulkInsert(Array.from({ length: 200 }, (_v, i) => ({ id: `t${i}`, text: 'x'.repeat(2000) })))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isDiskFullError(error)).toBe(true);
    expect(isDiskFullError(new Error('SQLITE_FULL is in the message only'))).toBe(false);
    expect(isDiskFullError({ code: 'RXS9' })).toBe(false);
    expect(
      isDiskFullError(
        new Error('wrapped', { cause: Object.assign(new Error('no space'), { code: 'ENOSPC' }) }),
      ),
    ).toBe(true);
    await db.close();
    dir.remove();
  });

  it('watches free space: a reported failure counts as full until space grows by the minimum', async () => {
    const dir = tempDir();
    // A minimum of 64 MiB: other work on this machine freeing a few blocks between the failure and the check
    // must not count as space freed (with 1 byte it did, now and then, under a busy CI).
    const roomy = new DiskWatch({ directory: dir.path, minFreeBytes: 64 * 1024 * 1024, pollMs: 60_000 });
    expect(roomy.isFull).toBe(false);
    roomy.reportFull();
    expect(roomy.isFull).toBe(true);
    // Nothing was freed since the failure: still full.
    expect(await roomy.check()).toBe(true);
    roomy.stop();
    const tiny = new DiskWatch({
      directory: dir.path,
      minFreeBytes: Number.MAX_SAFE_INTEGER,
      pollMs: 60_000,
    });
    expect(tiny.isFull).toBe(true);
    tiny.stop();
    dir.remove();
  });
});
