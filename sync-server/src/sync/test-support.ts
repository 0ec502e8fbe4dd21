import { type Checkin, generateKeyPair, type Hub, type Session } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { createEnrolmentCode, enrolDevice } from '../devices/enrolment';
import { putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import type { SyncCollection } from './collections';

// Test-only builders shared by the sync tests and the benchmark: hubs, enrolled devices, valid documents.

export function hubDoc(id: string, name = `Hub ${id.slice(-4)}`): Hub {
  return {
    id,
    name,
    address: 'Via Prova 1, Vigevano',
    area: 'Centro',
    targetGroups: ['everyone'],
    focus: { assistance: 'orientamento', promotion: 'laboratori' },
    openingHours: [],
    position: { lat: 45.31, lon: 8.86 },
    usesCheckout: false,
    closures: [],
    repeatScanWindowMs: 600_000,
    facilitators: [],
    archived: false,
    timezone: 'Europe/Rome',
    updatedAt: 1,
  };
}

export async function createHubs(db: Kysely<Database>, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => ulid());
  await putDocuments(
    db,
    ids.map((id) => ({ collection: 'hubs', hubId: id, at: null, body: hubDoc(id) })),
  );
  return ids;
}

export interface TestDevice {
  deviceId: string;
  hubId: string;
  token: string;
}

/** A device enrolled the real way: a one-time code for the hub, exchanged for an identity. */
export async function enrolTestDevice(
  db: Kysely<Database>,
  hubId: string,
  name = 'Ingresso',
): Promise<TestDevice> {
  const { code } = await createEnrolmentCode(db, hubId, null);
  const key = generateKeyPair();
  const identity = await enrolDevice(db, { code, name, publicKey: key.publicKey }, generateKeyPair());
  return { deviceId: identity.deviceId, hubId: identity.hubId, token: identity.token };
}

let hlcCounter = 0;

export function checkinDoc(device: TestDevice, overrides: Partial<Checkin> = {}): Checkin {
  const now = Date.now();
  hlcCounter += 1;
  return {
    id: ulid(),
    hubId: device.hubId,
    deviceId: device.deviceId,
    cardId: ulid(),
    direction: 'in',
    source: 'camera',
    deviceTime: now,
    hlc: `${String(now).padStart(13, '0')}-${String(hlcCounter % 10_000).padStart(4, '0')}-${device.deviceId}`,
    updatedAt: now,
    ...overrides,
  };
}

export function sessionDoc(hubId: string, overrides: Partial<Session> = {}): Session {
  const now = Date.now();
  return {
    id: ulid(),
    hubId,
    kind: 'workshop',
    activity: 'Italiano per tutti',
    title: 'Lezione 1',
    targetGroup: 'migrant_background',
    startsAt: now,
    endsAt: now + 3_600_000,
    capacity: 12,
    facilitator: 'Giulia',
    status: 'planned',
    notes: '',
    updatedAt: now,
    ...overrides,
  };
}

/** Rows for a push of new documents (no assumed master state). */
export function newRows<T extends object>(docs: T[]) {
  return docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } }));
}

/**
 * A collection outside the domain (no hubs, RxDB's default conflict rule), like the one RxDB's replication test
 * suite brings: the engine must serve it as well as the domain's.
 */
export function genericTestCollection(name: string, primaryKey = 'id'): SyncCollection {
  return {
    name,
    primaryKey,
    scope: 'city',
    devicesPush: true,
    conflict: { kind: 'compare-and-set' },
    validate: (doc) =>
      typeof doc === 'object' &&
      doc !== null &&
      typeof (doc as Record<string, unknown>)[primaryKey] === 'string'
        ? []
        : [{ path: `/${primaryKey}`, code: 'type', expected: 'string', message: 'must be a string' }],
    atOf: () => null,
    updatedAtOf: () => Date.now(),
  };
}
