import { type CollectionName, collections } from '@vigevano/protocol';
import { getRxStorageBetterSqlite3 } from '@vigevano/rxdb-sqlite';
import { createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { ulid } from 'ulid';
import { KIOSK_MIGRATIONS } from '../../database/migrations';
import { conflictHandlerFor } from '../conflict-handlers';

/**
 * A kiosk database for replication tests: real RxDB on a real SQLite file in `directory`, with the protocol's
 * schemas and conflict handlers (the lead's apps/kiosk/src/hub/database builds the production one the same way).
 * RxDB's open-source build allows a handful of open collections per process: tests open only what they need.
 */
export async function openKioskDatabase(directory: string, names: CollectionName[]): Promise<RxDatabase> {
  const database = await createRxDatabase({
    name: `kiosk${ulid().toLowerCase()}`,
    storage: getRxStorageBetterSqlite3({ directory }),
    multiInstance: false,
  });
  await database.addCollections(
    Object.fromEntries(
      names.map((name) => [
        name,
        {
          schema: collections[name].schema as unknown as RxJsonSchema<Record<string, unknown>>,
          conflictHandler: conflictHandlerFor(name),
          migrationStrategies: KIOSK_MIGRATIONS[name],
        },
      ]),
    ),
  );
  return database;
}
