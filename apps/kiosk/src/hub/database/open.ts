import {
  type Annulment,
  type Card,
  type CardKey,
  type Checkin,
  type CollectionName,
  type Content,
  collections,
  type Device,
  type Enrolment,
  type Hub,
  type Notice,
  type Play,
  type Refusal,
  type Session,
} from '@vigevano/protocol';
import { getRxStorageBetterSqlite3 } from '@vigevano/rxdb-sqlite';
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { conflictHandlerFor } from '../replication/conflict-handlers';
import { KIOSK_MIGRATIONS } from './migrations';

addRxPlugin(RxDBLocalDocumentsPlugin);

type KioskCollections = {
  hubs: RxCollection<Hub>;
  devices: RxCollection<Device>;
  cards: RxCollection<Card>;
  checkins: RxCollection<Checkin>;
  sessions: RxCollection<Session>;
  enrolments: RxCollection<Enrolment>;
  content: RxCollection<Content>;
  plays: RxCollection<Play>;
  card_keys: RxCollection<CardKey>;
  annulments: RxCollection<Annulment>;
  refusals: RxCollection<Refusal>;
  notices: RxCollection<Notice>;
};

export type KioskDatabase = RxDatabase<KioskCollections>;

export interface OpenKioskDatabaseOptions {
  /** folder of the kiosk's SQLite file (its data folder), or ':memory:' for tests */
  directory: string;
  /** a different storage for tests; the default is our SQLite storage, durable (fsync on every write) */
  // biome-ignore lint/suspicious/noExplicitAny: RxDB storages differ in their internals types
  storage?: RxStorage<any, any>;
  /** false: this process is the only one opening the file (the hub service); true for tools and tests */
  multiInstance?: boolean;
}

/**
 * Opens the kiosk's RxDB database: one collection per collection of packages/protocol (the same JSON Schemas the
 * server validates with), each write validated against its schema before it reaches the disk, and local documents
 * for the kiosk's own state (its hybrid logical clock). It is the kiosk's source of truth.
 */
export async function openKioskDatabase(options: OpenKioskDatabaseOptions): Promise<KioskDatabase> {
  const storage = wrappedValidateAjvStorage({
    storage:
      options.storage ?? getRxStorageBetterSqlite3({ directory: options.directory, durability: 'full' }),
  });
  const db = await createRxDatabase<KioskCollections>({
    name: 'kiosk',
    storage,
    multiInstance: options.multiInstance ?? false,
    localDocuments: true,
    // A kiosk has one writer; the event-reduce optimisation is still right for live queries.
    eventReduce: true,
    closeDuplicates: true,
  });
  // Each collection settles replication conflicts by the same written policy as the server (packages/protocol).
  const schemas = Object.fromEntries(
    Object.values(collections).map((c) => [
      c.name,
      {
        schema: c.schema as unknown as RxJsonSchema<unknown>,
        conflictHandler: conflictHandlerFor(c.name as CollectionName),
        migrationStrategies: KIOSK_MIGRATIONS[c.name as CollectionName],
      },
    ]),
  );
  await db.addCollections(schemas);
  return db;
}
