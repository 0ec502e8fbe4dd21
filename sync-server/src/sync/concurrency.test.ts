import type { KyselyPlugin, QueryId } from 'kysely';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { AuthenticatedDevice } from '../devices/enrolment';
import { testStoreKinds } from '../store/test-stores';
import { storeForSuite } from '../testing/suite';
import { registerSyncCollection } from './collections';
import { pullChanges } from './pull';
import { applyPush } from './push';
import { genericTestCollection } from './test-support';

const RACE = genericTestCollection('race');
registerSyncCollection(RACE);

/**
 * Each push transaction lingers a random while after writing its documents (with the change orders it took),
 * before it commits: the window in which a writer that took its orders later could commit first, if orders were
 * not commit-ordered. Done on the writers' statements (a Kysely plugin), not in the engine.
 */
function lingeringAfterInserts(): KyselyPlugin {
  const inserts = new WeakSet<QueryId>();
  return {
    transformQuery: ({ node, queryId }) => {
      if (node.kind === 'InsertQueryNode') inserts.add(queryId);
      return node;
    },
    transformResult: async ({ queryId, result }) => {
      if (inserts.has(queryId)) await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      return result;
    },
  };
}

const device: AuthenticatedDevice = { deviceId: ulid(), hubId: ulid() };

describe.each(testStoreKinds())('concurrent pushes and pulls on %s', (kind) => {
  const t = storeForSuite(kind);

  it('never lets a pull skip a committed change, whatever order writers commit in', async () => {
    const WRITERS = 8;
    const BATCHES = 12;
    const PER_BATCH = 15;
    const written: string[] = [];
    let writing = true;

    const writers = t.store.db.withPlugin(lingeringAfterInserts());
    const writer = async () => {
      for (let b = 0; b < BATCHES; b++) {
        const docs = Array.from({ length: PER_BATCH }, () => ({ id: ulid(), value: Math.random() }));
        await applyPush(
          writers,
          RACE,
          docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } })),
        );
        written.push(...docs.map((d) => d.id));
      }
    };
    // A reader pulls after its checkpoint again and again while writers run, then once more after they end.
    const reader = async () => {
      const seen: string[] = [];
      let checkpoint: { order: number } | null = null;
      for (;;) {
        const wasWriting = writing;
        const batch = await pullChanges(t.store.db, RACE, device, checkpoint, 10);
        seen.push(...batch.documents.map((d) => String(d.id)));
        checkpoint = batch.checkpoint;
        if (batch.documents.length === 0) {
          if (!wasWriting) return seen;
          await new Promise((r) => setTimeout(r, Math.random() * 5));
        }
      }
    };

    const readers = Array.from({ length: 3 }, reader);
    await Promise.all(Array.from({ length: WRITERS }, writer));
    writing = false;
    const results = await Promise.all(readers);

    expect(written).toHaveLength(WRITERS * BATCHES * PER_BATCH);
    for (const seen of results) {
      // every committed document, each exactly once
      expect(seen).toHaveLength(written.length);
      expect(new Set(seen)).toEqual(new Set(written));
    }
  });
});
