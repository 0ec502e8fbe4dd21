import {
  type PullResponse,
  type PushResponse,
  type ReplicatedDocument,
  type SyncCheckpoint,
  syncPath,
} from '@vigevano/protocol';
import { addRxPlugin, type RxCollection } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runReplicationBaseTestSuite, setConfig } from 'rxdb/plugins/test-utils';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { beforeAll, describe, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import { registerSyncCollection } from './collections';
import { createHubs, enrolTestDevice, genericTestCollection, type TestDevice } from './test-support';

// RxDB's own replication conformance suite (rxdb/plugins/test-utils), run against our HTTP server with RxDB's
// test collection ("human", primary key passportId): the engine is generic over collections, so it serves it
// like any domain collection. The suite is written for mocha's globals; vitest's have the same shape.
Object.assign(globalThis, { describe, it });
// The suite opens its databases with `ignoreDuplicate`, which RxDB allows only in dev-mode.
addRxPlugin(RxDBDevModePlugin);

const COLLECTION = 'human';
registerSyncCollection(genericTestCollection(COLLECTION, 'passportId'));

// Dev-mode insists on a schema-validating storage.
const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() });
setConfig({
  storage: {
    name: 'memory',
    getStorage: storage,
    getPerformanceStorage: () => ({ storage: storage(), description: 'memory' }),
    hasPersistence: false,
    hasMultiInstance: false,
    hasAttachments: false,
    hasReplication: true,
  },
});

describe.each(testStoreKinds())('RxDB replication base test suite against the sync server on %s', (kind) => {
  let device: TestDevice;
  const server = serverForSuite(kind);
  beforeAll(async () => {
    const [hub] = await createHubs(server.server.store.db, 1);
    device = await enrolTestDevice(server.server.store.db, hub as string);
  });

  /** A plain RxDB replication over our pull and push routes: the protocol as any RxDB client would speak it. */
  function replicate(collection: RxCollection, live: boolean) {
    const headers = { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' };
    const state = replicateRxCollection<Record<string, unknown>, SyncCheckpoint>({
      collection,
      replicationIdentifier: `conformance-${server.url}`,
      live,
      retryTime: 200,
      pull: {
        batchSize: 3,
        handler: async (checkpoint, batchSize) => {
          const query = new URLSearchParams({ limit: String(batchSize) });
          if (checkpoint) query.set('order', String(checkpoint.order));
          const res = await fetch(`${server.url}${syncPath(COLLECTION, 'pull')}?${query}`, { headers });
          if (!res.ok) throw new Error(`pull ${res.status}: ${await res.text()}`);
          const body = (await res.json()) as PullResponse;
          return { documents: body.documents, checkpoint: body.checkpoint ?? checkpoint };
        },
      },
      push: {
        batchSize: 4,
        handler: async (rows) => {
          const res = await fetch(`${server.url}${syncPath(COLLECTION, 'push')}`, {
            method: 'POST',
            headers,
            body: JSON.stringify(rows),
          });
          if (!res.ok) throw new Error(`push ${res.status}: ${await res.text()}`);
          return ((await res.json()) as PushResponse).conflicts;
        },
      },
    });
    return state;
  }

  runReplicationBaseTestSuite({
    startReplication: (collection) => replicate(collection, true),
    syncOnce: async (collection) => {
      const state = replicate(collection, false);
      await state.awaitInitialReplication();
      await state.cancel();
    },
    getAllServerDocs: async () => {
      const rows = await server.server.store.db
        .selectFrom('documents')
        .select(['body', 'deleted'])
        .where('collection', '=', COLLECTION)
        .execute();
      return rows.map((r) => ({ ...JSON.parse(r.body), _deleted: r.deleted === 1 }) as ReplicatedDocument);
    },
    cleanUpServer: async () => {
      await server.server.store.db.deleteFrom('documents').where('collection', '=', COLLECTION).execute();
    },
    softDeletes: true,
    isDeleted: (doc) => doc._deleted === true,
    getPrimaryOfServerDoc: (doc) => doc.passportId,
  });
});
