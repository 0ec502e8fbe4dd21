import { type PushRow, SERVER_ISSUER, syncPath } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { call } from '../testing/test-server';
import { syncCollection } from './collections';
import type { TestDevice } from './test-support';

// Test-only: the written policy of sync writes as a table, collection × field × device role, shared by the access
// matrix (http/access-matrix.reliability.test.ts), the attack tests and the property test
// (write-authority*.test.ts). It restates docs/security.md "Write authority" independently of the code that
// enforces it (packages/protocol registry.ts), so a change to either shows up as a failing cell.

/** Who pushes, relative to the stored document: the device that created it, another of its hub, one of another hub. */
export type DeviceRole = 'owner' | 'same-hub' | 'other-hub';
export const DEVICE_ROLES: readonly DeviceRole[] = ['owner', 'same-hub', 'other-hub'];
export type Outcome = 'allowed' | 'refused';

/** Hub A holds the documents (created by `owner`); `sameHub` is another kiosk of hub A; `otherHub` one of hub B. */
export interface World {
  hubA: string;
  hubB: string;
  devices: Record<DeviceRole, TestDevice>;
}

type Doc = Record<string, unknown>;

/** One field changed on a stored document: from `before` (when given: the stored value) to `to` (undefined: removed). */
export interface FieldChange {
  field: string;
  before?: { value: unknown };
  to: (stored: Doc, world: World) => unknown;
  outcome: Record<DeviceRole, Outcome>;
}

/** A document a device tries to create, built for the pushing device. */
interface CreateCase {
  name: string;
  doc: (device: TestDevice, world: World) => Doc;
  outcome: Outcome;
}

export interface CollectionMatrix {
  /** a fresh document of hub A, as its owner device created it (a new id each call) */
  base: (world: World) => Doc;
  changes: FieldChange[];
  creates: CreateCase[];
}

const NOBODY: Record<DeviceRole, Outcome> = {
  owner: 'refused',
  'same-hub': 'refused',
  'other-hub': 'refused',
};
const THE_HUB: Record<DeviceRole, Outcome> = {
  owner: 'allowed',
  'same-hub': 'allowed',
  'other-hub': 'refused',
};
const THE_OWNER: Record<DeviceRole, Outcome> = {
  owner: 'allowed',
  'same-hub': 'refused',
  'other-hub': 'refused',
};

const set = (value: unknown) => () => value;
const later = (field: string) => (stored: Doc) => (stored[field] as number) + 1;
const was = (value: unknown) => ({ value });
const NOW = 1_780_000_000_000;

function card(device: TestDevice): Doc {
  return {
    id: ulid(),
    hubId: device.hubId,
    visitorId: ulid(),
    alias: 'Maria',
    language: 'it',
    issuer: device.deviceId,
    issuedAt: NOW,
    revoked: false,
    role: 'visitor',
    updatedAt: NOW,
  };
}

function checkin(device: TestDevice): Doc {
  return {
    id: ulid(),
    hubId: device.hubId,
    deviceId: device.deviceId,
    cardId: ulid(),
    direction: 'in',
    source: 'camera',
    deviceTime: NOW,
    hlc: `${NOW}-0000-${device.deviceId}`,
    updatedAt: NOW,
  };
}

function session(hubId: string): Doc {
  return {
    id: ulid(),
    hubId,
    kind: 'workshop',
    activity: 'Italiano per tutti',
    title: 'Lezione 1',
    targetGroup: 'migrant_background',
    startsAt: NOW,
    endsAt: NOW + 3_600_000,
    capacity: 12,
    facilitator: 'Giulia',
    status: 'planned',
    notes: '',
    updatedAt: NOW,
  };
}

function enrolment(hubId: string): Doc {
  const sessionId = ulid();
  const cardId = ulid();
  return {
    id: `${sessionId}:${cardId}`,
    sessionId,
    hubId,
    cardId,
    alias: 'Maria',
    walkIn: false,
    attendance: 'unknown',
    markedBy: 'Giulia',
    updatedAt: NOW,
  };
}

function play(device: TestDevice): Doc {
  const contentId = ulid();
  return {
    id: `${device.deviceId}:${contentId}:20260601`,
    hubId: device.hubId,
    deviceId: device.deviceId,
    contentId,
    day: '2026-06-01',
    shows: 3,
    seconds: 30,
    updatedAt: NOW,
  };
}

function annulment(device: TestDevice): Doc {
  const checkinId = ulid();
  return {
    id: checkinId,
    hubId: device.hubId,
    checkinId,
    deviceId: device.deviceId,
    annulledBy: 'Giulia',
    reason: 'tessera del fratello',
    annulledAt: NOW,
    updatedAt: NOW,
  };
}

let refusalHours = 0;
function refusal(device: TestDevice): Doc {
  // a fresh hour each call (its id names device, hour and reason), so each base is a new document
  const at = new Date(NOW + 3_600_000 * refusalHours++);
  const day = at.toISOString().slice(0, 10);
  const hour = at.getUTCHours();
  const reason = 'revoked';
  return {
    id: `${device.deviceId}:${day.replace(/-/g, '')}${String(hour).padStart(2, '0')}:${reason}`,
    hubId: device.hubId,
    deviceId: device.deviceId,
    day,
    hour,
    reason,
    count: 3,
    updatedAt: NOW,
  };
}

const deleted: FieldChange = { field: '_deleted', to: set(true), outcome: NOBODY };

/** The table: for each collection a device pushes, every field, who may change it and in which direction. */
export const WRITE_MATRIX: Record<
  'cards' | 'checkins' | 'sessions' | 'enrolments' | 'plays' | 'annulments' | 'refusals',
  CollectionMatrix
> = {
  cards: {
    base: (w) => card(w.devices.owner),
    changes: [
      { field: 'hubId', to: (_s, w) => w.hubB, outcome: NOBODY },
      { field: 'visitorId', to: () => ulid(), outcome: NOBODY },
      { field: 'alias', to: set('Altro'), outcome: NOBODY },
      { field: 'language', to: set('en'), outcome: NOBODY },
      { field: 'issuer', to: set(SERVER_ISSUER), outcome: NOBODY },
      { field: 'issuedAt', to: later('issuedAt'), outcome: NOBODY },
      { field: 'role', to: set('facilitator'), outcome: NOBODY },
      { field: 'role', before: was('facilitator'), to: set('visitor'), outcome: NOBODY },
      { field: 'facilitatorHubs', to: (_s, w) => [w.hubA], outcome: NOBODY },
      { field: 'facilitatorHubs', before: was([]), to: (_s, w) => [w.hubB], outcome: NOBODY },
      { field: 'revoked', to: set(true), outcome: THE_HUB },
      { field: 'revoked', before: was(true), to: set(false), outcome: NOBODY },
      { field: 'revokedAt', to: set(NOW + 5), outcome: THE_HUB },
      { field: 'revokedAt', before: was(NOW + 5), to: set(NOW + 6), outcome: NOBODY },
      { field: 'revokedReason', to: set('lost'), outcome: THE_HUB },
      { field: 'revokedReason', before: was('erased'), to: set(undefined), outcome: NOBODY },
      { field: 'updatedAt', to: later('updatedAt'), outcome: THE_HUB },
      deleted,
    ],
    creates: [
      { name: 'a visitor card of its hub, issued by itself', doc: (d) => card(d), outcome: 'allowed' },
      {
        name: 'a card of another hub',
        doc: (d, w) => ({ ...card(d), hubId: d.hubId === w.hubA ? w.hubB : w.hubA }),
        outcome: 'refused',
      },
      {
        name: 'a card in the server’s name',
        doc: (d) => ({ ...card(d), issuer: SERVER_ISSUER }),
        outcome: 'refused',
      },
      {
        name: 'a card in another kiosk’s name',
        doc: (d) => ({ ...card(d), issuer: ulid() }),
        outcome: 'refused',
      },
      { name: 'a facilitator card', doc: (d) => ({ ...card(d), role: 'facilitator' }), outcome: 'refused' },
      {
        name: 'a card granting its hub',
        doc: (d) => ({ ...card(d), facilitatorHubs: [d.hubId] }),
        outcome: 'refused',
      },
    ],
  },
  checkins: {
    base: (w) => checkin(w.devices.owner),
    changes: [
      { field: 'hubId', to: (_s, w) => w.hubB, outcome: NOBODY },
      { field: 'deviceId', to: (_s, w) => w.devices['same-hub'].deviceId, outcome: NOBODY },
      { field: 'cardId', to: () => ulid(), outcome: NOBODY },
      { field: 'direction', to: set('out'), outcome: NOBODY },
      { field: 'source', to: set('scanner'), outcome: NOBODY },
      { field: 'deviceTime', to: later('deviceTime'), outcome: NOBODY },
      { field: 'sessionId', to: () => ulid(), outcome: NOBODY },
      { field: 'updatedAt', to: later('updatedAt'), outcome: NOBODY },
      deleted,
    ],
    creates: [
      { name: 'a check-in of its hub in its name', doc: (d) => checkin(d), outcome: 'allowed' },
      {
        name: 'a check-in in another kiosk’s name',
        doc: (d) => ({ ...checkin(d), deviceId: ulid() }),
        outcome: 'refused',
      },
    ],
  },
  sessions: {
    base: (w) => session(w.hubA),
    changes: [
      { field: 'hubId', to: (_s, w) => w.hubB, outcome: NOBODY },
      { field: 'kind', to: set('lesson'), outcome: THE_HUB },
      { field: 'activity', to: set('Informatica'), outcome: THE_HUB },
      { field: 'title', to: set('Lezione 2'), outcome: THE_HUB },
      { field: 'targetGroup', to: set('elderly'), outcome: THE_HUB },
      { field: 'startsAt', to: later('startsAt'), outcome: THE_HUB },
      { field: 'endsAt', to: later('endsAt'), outcome: THE_HUB },
      { field: 'capacity', to: set(5), outcome: THE_HUB },
      { field: 'facilitator', to: set('Marco'), outcome: THE_HUB },
      { field: 'notes', to: set('portare i libri'), outcome: THE_HUB },
      { field: 'status', to: set('open'), outcome: THE_HUB },
      { field: 'status', before: was('open'), to: set('cancelled'), outcome: THE_HUB },
      { field: 'status', before: was('closed'), to: set('open'), outcome: NOBODY },
      { field: 'updatedAt', to: later('updatedAt'), outcome: THE_HUB },
      deleted,
    ],
    creates: [{ name: 'a session of its hub', doc: (d) => session(d.hubId), outcome: 'allowed' }],
  },
  enrolments: {
    base: (w) => enrolment(w.hubA),
    changes: [
      { field: 'hubId', to: (_s, w) => w.hubB, outcome: NOBODY },
      { field: 'sessionId', to: () => ulid(), outcome: NOBODY },
      { field: 'cardId', to: () => ulid(), outcome: NOBODY },
      { field: 'alias', to: set('Altro'), outcome: THE_HUB },
      { field: 'attendance', to: set('present'), outcome: THE_HUB },
      { field: 'markedBy', to: set('Marco'), outcome: THE_HUB },
      { field: 'walkIn', to: set(true), outcome: THE_HUB },
      { field: 'walkIn', before: was(true), to: set(false), outcome: NOBODY },
      { field: 'updatedAt', to: later('updatedAt'), outcome: THE_HUB },
      deleted,
    ],
    creates: [
      { name: 'an enrolment of its hub', doc: (d) => enrolment(d.hubId), outcome: 'allowed' },
      {
        name: 'an enrolment whose id is not its session and card',
        doc: (d) => ({ ...enrolment(d.hubId), cardId: ulid() }),
        outcome: 'refused',
      },
    ],
  },
  plays: {
    base: (w) => play(w.devices.owner),
    changes: [
      { field: 'shows', to: set(5), outcome: THE_OWNER },
      { field: 'shows', to: set(2), outcome: NOBODY },
      { field: 'seconds', to: set(60), outcome: THE_OWNER },
      { field: 'seconds', to: set(10), outcome: NOBODY },
      { field: 'updatedAt', to: later('updatedAt'), outcome: THE_OWNER },
      { field: 'hubId', to: (_s, w) => w.hubB, outcome: NOBODY },
      { field: 'deviceId', to: (_s, w) => w.devices['same-hub'].deviceId, outcome: NOBODY },
      { field: 'contentId', to: () => ulid(), outcome: NOBODY },
      { field: 'day', to: set('2026-06-02'), outcome: NOBODY },
      deleted,
    ],
    creates: [
      { name: 'proof of play of its own', doc: (d) => play(d), outcome: 'allowed' },
      {
        name: 'proof of play in another kiosk’s name',
        doc: (d) => ({ ...play(d), deviceId: ulid() }),
        outcome: 'refused',
      },
    ],
  },
  // A correction event: nobody changes it once stored. Allowed creates need the check-in stored first, and of the
  // same day: sync/annulments.test.ts covers them.
  annulments: {
    base: (w) => annulment(w.devices.owner),
    changes: [
      { field: 'reason', to: set('altro motivo'), outcome: NOBODY },
      { field: 'annulledBy', to: set('Marco'), outcome: NOBODY },
      { field: 'annulledAt', to: later('annulledAt'), outcome: NOBODY },
      { field: 'hubId', to: (_s, w) => w.hubB, outcome: NOBODY },
      { field: 'updatedAt', to: later('updatedAt'), outcome: NOBODY },
      deleted,
    ],
    creates: [
      {
        name: 'an annulment of a check-in the server does not hold',
        doc: (d) => annulment(d),
        outcome: 'refused',
      },
      {
        name: 'an annulment in another kiosk’s name',
        doc: (d) => ({ ...annulment(d), deviceId: ulid() }),
        outcome: 'refused',
      },
    ],
  },
  refusals: {
    base: (w) => refusal(w.devices.owner),
    changes: [
      { field: 'count', to: set(5), outcome: THE_OWNER },
      { field: 'count', to: set(2), outcome: NOBODY },
      { field: 'updatedAt', to: later('updatedAt'), outcome: THE_OWNER },
      { field: 'hubId', to: (_s, w) => w.hubB, outcome: NOBODY },
      { field: 'deviceId', to: (_s, w) => w.devices['same-hub'].deviceId, outcome: NOBODY },
      { field: 'reason', to: set('bad_signature'), outcome: NOBODY },
      { field: 'hour', to: (s) => ((s.hour as number) + 1) % 24, outcome: NOBODY },
      deleted,
    ],
    creates: [
      { name: 'a refusal counter of its own', doc: (d) => refusal(d), outcome: 'allowed' },
      {
        name: 'a refusal counter in another kiosk’s name',
        doc: (d) => ({ ...refusal(d), deviceId: ulid() }),
        outcome: 'refused',
      },
    ],
  },
};

/** How the kiosk states what it assumed the server held: the stored state, nothing (a "new" row), an older one. */
export type Assumed = 'stored' | 'none' | 'stale';

export interface Attempt {
  status: number;
  outcome: Outcome;
  /** the stored row (body, deletion, change order) and the change counter are exactly as before */
  unchanged: boolean;
  /** the stored body afterwards */
  after: Doc | undefined;
  conflicts: Doc[];
}

async function storedRow(db: Kysely<Database>, collection: string, id: string) {
  const row = await db
    .selectFrom('documents')
    .select(['body', 'deleted', 'change_order', 'hub_id'])
    .where('collection', '=', collection)
    .where('id', '=', id)
    .executeTakeFirst();
  const counter = await db
    .selectFrom('change_counters')
    .selectAll()
    .where('collection', '=', collection)
    .executeTakeFirst();
  return {
    row: row ? { ...row, body: JSON.parse(row.body), deleted: Number(row.deleted) } : undefined,
    counter,
  };
}

/** Stores a document as the server would (trusted), for a test to push changes at. */
export async function storeAsServer(db: Kysely<Database>, collection: string, body: Doc): Promise<void> {
  const sync = syncCollection(collection);
  await putDocuments(db, [
    {
      collection,
      hubId: sync.hubOf?.(body) ?? null,
      at: sync.atOf(body),
      body: body as Doc & { id: string; updatedAt: number },
    },
  ]);
}

/**
 * Pushes `incoming` as `device`, over HTTP, and reports what the server did with it. Refused means a 403 (the
 * whole push refused) or the stored state returned as the conflict; allowed means no conflict.
 */
export async function attempt(
  url: string,
  db: Kysely<Database>,
  collection: string,
  device: TestDevice,
  incoming: Doc,
  assumed: Doc | null,
): Promise<Attempt> {
  const id = String(incoming.id);
  const before = await storedRow(db, collection, id);
  const row: PushRow = { newDocumentState: { _deleted: false, ...incoming } };
  if (assumed) row.assumedMasterState = { _deleted: false, ...assumed };
  const res = await call(`${url}${syncPath(collection, 'push')}`, { body: [row], bearer: device.token });
  const after = await storedRow(db, collection, id);
  const conflicts: Doc[] = res.status === 200 ? res.body.conflicts : [];
  const refused = res.status === 403 || conflicts.length > 0;
  if (res.status !== 200 && res.status !== 403)
    throw new Error(`push of ${collection} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return {
    status: res.status,
    outcome: refused ? 'refused' : 'allowed',
    unchanged: JSON.stringify(before) === JSON.stringify(after),
    after: after.row?.body,
    conflicts,
  };
}

/** The stored document with a change's `before` applied, and the pushed one with its `to`. */
export function applyChanges(
  base: Doc,
  changes: FieldChange[],
  world: World,
): { stored: Doc; incoming: Doc } {
  const stored: Doc = { ...base };
  for (const c of changes) if (c.before && c.field !== '_deleted') stored[c.field] = c.before.value;
  const incoming: Doc = { ...stored };
  for (const c of changes) {
    const value = c.to(stored, world);
    if (value === undefined) delete incoming[c.field];
    else incoming[c.field] = value;
  }
  return { stored, incoming };
}

/** The expected outcome of several changes at once: allowed only if each of them is. */
export function expectedOutcome(changes: FieldChange[], role: DeviceRole): Outcome {
  return changes.every((c) => c.outcome[role] === 'allowed') ? 'allowed' : 'refused';
}

/** The same kind of document, created earlier: what a kiosk that missed later changes would assume. */
export function staleOf(stored: Doc): Doc {
  return { ...stored, updatedAt: (stored.updatedAt as number) - 1 };
}
