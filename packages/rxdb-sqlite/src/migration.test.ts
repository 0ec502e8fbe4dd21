/**
 * Schema versions with RxDB's schema migration plugin on a real RxDatabase: documents written under
 * version 0 are migrated to version 1 when the database is reopened with the new schema, the old table is
 * dropped, and the migrated documents are queryable through the new indexes.
 */
import Database from 'better-sqlite3';
import { addRxPlugin, createRxDatabase, randomToken } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { describe, expect, it } from 'vitest';
import { databaseFilePath } from './database-file.ts';
import { getRxStorageBetterSqlite3 } from './storage.ts';
import { useTempStorage } from './test-support/temp-storage.ts';

addRxPlugin(RxDBMigrationSchemaPlugin);

const env = useTempStorage();

const v0 = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 20 }, name: { type: 'string' } },
  required: ['id', 'name'],
} as const;

const v1 = {
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    firstName: { type: 'string', maxLength: 40 },
    lastName: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'firstName', 'lastName'],
  indexes: ['lastName'],
} as const;

describe('schema migration (RxDB migration-schema plugin)', () => {
  it('migrates version 0 documents to version 1 in the same file and drops the old table', async () => {
    const name = `mig${randomToken(6)}`;
    const storage = getRxStorageBetterSqlite3({ directory: env.dir() });

    const first = await createRxDatabase({ name, storage, multiInstance: false });
    try {
      const { people } = await first.addCollections({ people: { schema: v0 } });
      await people.bulkInsert([
        { id: 'p1', name: 'Ada Lovelace' },
        { id: 'p2', name: 'Alan Turing' },
        { id: 'p3', name: 'Grace Hopper' },
      ]);
      await (await people.findOne('p3').exec(true)).remove();
    } finally {
      await first.close();
    }

    const second = await createRxDatabase({ name, storage, multiInstance: false });
    try {
      const { people } = await second.addCollections({
        people: {
          schema: v1,
          migrationStrategies: {
            1: (old: { id: string; name: string }) => {
              const [firstName = '', lastName = ''] = old.name.split(' ');
              return { id: old.id, firstName, lastName };
            },
          },
        },
      });
      await people.migratePromise();
      const byLastName = await people.find({ sort: [{ lastName: 'asc' }] }).exec();
      expect(byLastName.map((d) => [d.id, d.firstName, d.lastName])).toEqual([
        ['p1', 'Ada', 'Lovelace'],
        ['p2', 'Alan', 'Turing'],
      ]);
      expect(await people.findOne('p3').exec()).toBeNull();
    } finally {
      await second.close();
    }

    const file = new Database(databaseFilePath(env.dir(), name), { readonly: true });
    try {
      const tables = file
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'people@%'")
        .pluck()
        .all();
      expect(tables).toEqual(['people@1']);
      expect(String(file.pragma('integrity_check', { simple: true }))).toBe('ok');
    } finally {
      file.close();
    }
  });
});
