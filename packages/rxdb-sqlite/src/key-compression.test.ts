/**
 * RxDB's key-compression wrapper in front of this storage (the storage suite's "complex document with key
 * compression"): documents are stored with compressed keys, indexes on compressed (and nested) fields
 * still answer queries, and documents read back whole.
 */
import Database from 'better-sqlite3';
import { createRxDatabase, randomToken } from 'rxdb';
import { wrappedKeyCompressionStorage } from 'rxdb/plugins/key-compression';
import { describe, expect, it } from 'vitest';
import { databaseFilePath } from './database-file.ts';
import { getRxStorageBetterSqlite3 } from './storage.ts';
import { useTempStorage } from './test-support/temp-storage.ts';

const env = useTempStorage();

describe('key compression', () => {
  it('stores compressed documents and queries them through their indexes', async () => {
    const storage = wrappedKeyCompressionStorage({
      storage: getRxStorageBetterSqlite3({ directory: env.dir() }),
    });
    const name = `kc${randomToken(6)}`;
    const db = await createRxDatabase({ name, storage, multiInstance: false });
    try {
      const { events } = await db.addCollections({
        events: {
          schema: {
            version: 0,
            keyCompression: true,
            primaryKey: 'id',
            type: 'object',
            properties: {
              id: { type: 'string', maxLength: 20 },
              title: { type: 'string', maxLength: 50 },
              place: {
                type: 'object',
                properties: { city: { type: 'string', maxLength: 30 }, seats: { type: 'integer' } },
                required: ['city'],
              },
              tags: { type: 'array', items: { type: 'string' } },
            },
            required: ['id', 'title', 'place'],
            indexes: ['place.city', 'title'],
          },
        },
      });
      await events.bulkInsert([
        { id: 'e1', title: 'Corso di italiano', place: { city: 'Vigevano', seats: 12 }, tags: ['lingua'] },
        { id: 'e2', title: 'Sportello lavoro', place: { city: 'Pavia' } },
        { id: 'e3', title: 'Laboratorio', place: { city: 'Vigevano', seats: 8 }, tags: [] },
      ]);
      const inVigevano = await events
        .find({ selector: { 'place.city': 'Vigevano' }, sort: [{ title: 'asc' }] })
        .exec();
      expect(inVigevano.map((d) => d.id)).toEqual(['e1', 'e3']);
      expect((await events.findOne('e1').exec(true)).toJSON()).toMatchObject({
        id: 'e1',
        title: 'Corso di italiano',
        place: { city: 'Vigevano', seats: 12 },
        tags: ['lingua'],
      });
    } finally {
      await db.close();
    }
    // what reached the file has compressed keys
    const file = new Database(databaseFilePath(env.dir(), name), { readonly: true });
    try {
      const stored = file.prepare('SELECT data FROM "events@0" WHERE id = ?').pluck().get('e1') as string;
      expect(stored).toContain('Corso di italiano');
      expect(stored).not.toContain('"title"');
    } finally {
      file.close();
    }
  });
});
