import fc from 'fast-check';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import { createHubs, enrolTestDevice, hubDoc } from './test-support';
import {
  type Assumed,
  applyChanges,
  attempt,
  DEVICE_ROLES,
  type DeviceRole,
  expectedOutcome,
  type FieldChange,
  staleOf,
  storeAsServer,
  type World,
  WRITE_MATRIX,
} from './write-matrix';

// Random changes to every collection, pushed over HTTP by the owning device, another kiosk of its hub and a kiosk
// of another hub, with every way of stating what the kiosk assumed: a change is written exactly when each field it
// touches is one that device may change in that direction (write-matrix.ts); otherwise it is refused and the stored
// document stays exactly as it was. On SQLite and PostgreSQL.

type Doc = Record<string, unknown>;
const RUNS = 30;

/** At most one change per field, any number of fields. */
function changesOf(changes: FieldChange[]): fc.Arbitrary<FieldChange[]> {
  const byField = new Map<string, FieldChange[]>();
  for (const c of changes) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
  return fc
    .tuple(...[...byField.values()].map((options) => fc.option(fc.constantFrom(...options), { freq: 3 })))
    .map((picked) => picked.filter((c): c is FieldChange => c !== null));
}

describe.each(testStoreKinds())('write authority, property-based, on %s', (kind) => {
  let world: World;

  const t = serverForSuite(kind);
  beforeAll(async () => {
    const db = t.server.store.db;
    const [hubA, hubB] = (await createHubs(db, 2)) as [string, string];
    world = {
      hubA,
      hubB,
      devices: {
        owner: await enrolTestDevice(db, hubA, 'Ingresso'),
        'same-hub': await enrolTestDevice(db, hubA, 'Sala corsi'),
        'other-hub': await enrolTestDevice(db, hubB, 'Ingresso B'),
      },
    };
  });

  const assumedOf = (mode: Assumed, stored: Doc) =>
    mode === 'stored' ? stored : mode === 'stale' ? staleOf(stored) : null;

  it.each(Object.keys(WRITE_MATRIX) as Array<keyof typeof WRITE_MATRIX>)(
    '%s: every forbidden change is refused and changes nothing; every allowed one is written',
    async (collection) => {
      const matrix = WRITE_MATRIX[collection];
      const db = t.server.store.db;
      await fc.assert(
        fc.asyncProperty(
          changesOf(matrix.changes),
          fc.constantFrom(...DEVICE_ROLES),
          fc.constantFrom<Assumed>('stored', 'none', 'stale'),
          async (changes, role: DeviceRole, mode) => {
            const { stored, incoming } = applyChanges(matrix.base(world), changes, world);
            await storeAsServer(db, collection, stored);
            const expected = expectedOutcome(changes, role);
            // An allowed change over a state the kiosk did not see is merged, not written as sent: the merge
            // rules have their own tests. Here an allowed change states the stored state.
            const assumed = assumedOf(expected === 'allowed' ? 'stored' : mode, stored);
            const result = await attempt(t.url, db, collection, world.devices[role], incoming, assumed);
            const what = `${role} pushing ${changes.map((c) => c.field).join(', ') || 'no change'}`;
            expect(result.outcome, what).toBe(expected);
            if (expected === 'refused') expect(result.unchanged, what).toBe(true);
            else {
              const { _deleted: _d, ...body } = incoming;
              expect(result.after, what).toEqual(body);
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    120_000,
  );

  it('creates: a device creates only what the create rule allows, in its own name and hub', async () => {
    const db = t.server.store.db;
    const cases = Object.entries(WRITE_MATRIX).flatMap(([collection, m]) =>
      m.creates.map((c) => ({ collection, ...c })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), fc.constantFrom(...DEVICE_ROLES), async (c, role) => {
        const device = world.devices[role];
        const doc = c.doc(device, world);
        const result = await attempt(t.url, db, c.collection, device, doc, null);
        expect(result.outcome, `${role}: ${c.name}`).toBe(c.outcome);
        if (c.outcome === 'refused') expect(result.after, c.name).toBeUndefined();
        else expect(result.after, c.name).toEqual(doc);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('server-written collections: no device creates or changes a hub, a device or an info-screen item', async () => {
    const db = t.server.store.db;
    const content = () => ({
      id: ulid(),
      kind: 'news',
      hubIds: [world.hubA],
      title: { it: 'Notizia' },
      body: { it: 'Testo' },
      schedule: { from: 0, to: 8_000_000_000_000 },
      priority: 1,
      published: true,
      updatedAt: 1,
    });
    const device = (hubId: string) => ({
      id: ulid(),
      hubId,
      name: 'Ingresso',
      publicKey: 'A'.repeat(43),
      keyId: 'B'.repeat(11),
      revoked: false,
      enrolledAt: 1,
      updatedAt: 1,
    });
    const builders: Record<string, () => Doc> = {
      hubs: () => hubDoc(ulid()),
      devices: () => device(world.hubA),
      content,
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(builders)),
        fc.constantFrom(...DEVICE_ROLES),
        fc.boolean(),
        fc.constantFrom<Assumed>('stored', 'none', 'stale'),
        async (collection, role, exists, mode) => {
          const doc = (builders[collection] as () => Doc)();
          if (exists) await storeAsServer(db, collection, doc);
          const incoming = { ...doc, updatedAt: 2, ...(collection === 'devices' ? { revoked: true } : {}) };
          const assumed = exists ? assumedOf(mode, doc) : null;
          const result = await attempt(t.url, db, collection, world.devices[role], incoming, assumed);
          expect(result.status).toBe(403);
          expect(result.unchanged).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
