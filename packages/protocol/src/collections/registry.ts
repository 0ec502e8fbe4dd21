import { annulmentSchema } from './annulments';
import { SERVER_WRITES, type WriteAuthority } from './authority';
import { cardKeySchema } from './card-keys';
import { cardSchema } from './cards';
import { checkinSchema } from './checkins';
import { contentSchema } from './content';
import { deviceSchema } from './devices';
import { enrolmentId, enrolmentSchema } from './enrolments';
import { hubSchema } from './hubs';
import { noticeSchema } from './notices';
import { playId, playSchema } from './plays';
import { refusalId, refusalSchema } from './refusals';
import { SESSION_STATUSES, sessionSchema } from './sessions';

/**
 * Which documents a kiosk of a hub may see and write. The server enforces it; kiosks rely on it.
 * - `hub`: the document's `hubId` names its hub; a device pulls and pushes only its own hub's.
 * - `hub-list`: the document lists hubs in `hubIds`; an empty list means city-wide. Devices pull, never push.
 * - `city`: every device pulls every document (the issuer keys that verify cards come this way).
 */
export type Scope = 'hub' | 'hub-list' | 'city';

/**
 * How the server settles a push whose assumed master state is not the current one.
 * - `server-only`: devices never push; a push is refused.
 * - `immutable`: the first write wins forever; the same body again is a no-op, a different body a conflict.
 * - `merge`: the server merges fields by the collection's merge rule (see packages/protocol/src/merge)
 *   so concurrent offline edits from kiosks of one hub are all kept.
 */
export type ConflictPolicy =
  | { kind: 'server-only' }
  | { kind: 'immutable' }
  | { kind: 'merge'; rule: string };

export interface CollectionDefinition<S> {
  name: string;
  schema: S;
  scope: Scope;
  /** Whether devices may push documents of this collection (always only of their own hub). */
  devicesPush: boolean;
  conflict: ConflictPolicy;
  /** who may create a document and change which fields (see authority.ts); enforced before any merge */
  authority: WriteAuthority;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function define<S>(d: CollectionDefinition<S>): CollectionDefinition<S> {
  return d;
}

/**
 * The write authority of an event a kiosk records once, in its own name for its own hub, and nobody changes
 * afterwards (check-ins, annulments): a correction is a new event.
 */
function deviceEvent(extra: Pick<WriteAuthority, 'derivedId' | 'references'>): WriteAuthority {
  return {
    create: 'device',
    createdAs: { hub: 'hubId', device: 'deviceId' },
    owner: { hubField: 'hubId' },
    serverOnly: {},
    deviceMayChange: [],
    oneWay: {},
    devicesDelete: false,
    ...extra,
  };
}

export const collections = {
  hubs: define({
    name: 'hubs',
    schema: hubSchema,
    scope: 'city',
    devicesPush: false,
    conflict: { kind: 'server-only' },
    authority: SERVER_WRITES,
  }),
  devices: define({
    name: 'devices',
    schema: deviceSchema,
    scope: 'city',
    devicesPush: false,
    conflict: { kind: 'server-only' },
    authority: SERVER_WRITES,
  }),
  cards: define({
    name: 'cards',
    schema: cardSchema,
    scope: 'city',
    devicesPush: true,
    conflict: {
      kind: 'merge',
      rule: 'identity fields never change after issue; revoked only goes from false to true (a revocation always wins; the stored revocation keeps its time and reason)',
    },
    authority: {
      // A kiosk issues visitor cards offline, signed with its own key, for its own hub; roles and facilitator
      // grants are the server's. The kiosks of the card's (stored) hub may revoke it, never un-revoke it; a card of
      // another hub is revoked at the desk (kiosks push only their own hub's documents).
      create: 'device',
      createdAs: { hub: 'hubId', device: 'issuer' },
      owner: { hubField: 'hubId' },
      serverOnly: { role: ['visitor'], facilitatorHubs: [] },
      deviceMayChange: ['revoked', 'revokedAt', 'revokedReason', 'updatedAt'],
      oneWay: {
        revoked: { kind: 'false-to-true' },
        revokedAt: { kind: 'set-once' },
        revokedReason: { kind: 'set-once' },
      },
      devicesDelete: false,
    },
  }),
  checkins: define({
    name: 'checkins',
    schema: checkinSchema,
    scope: 'hub',
    devicesPush: true,
    conflict: { kind: 'immutable' },
    authority: deviceEvent({ references: { sessionId: 'sessions' } }),
  }),
  sessions: define({
    name: 'sessions',
    schema: sessionSchema,
    scope: 'hub',
    devicesPush: true,
    conflict: {
      kind: 'merge',
      rule: 'status only moves forward (planned, open, closed; cancelled wins); notes from both sides are kept; other fields: the later updatedAt wins',
    },
    authority: {
      create: 'device',
      createdAs: { hub: 'hubId' },
      owner: { hubField: 'hubId' },
      // The plan (funded operation, recurring series) is the dashboard's: a kiosk keeps a session's link as it is.
      serverOnly: { operationId: [], seriesId: [] },
      deviceMayChange: [
        'kind',
        'activity',
        'title',
        'targetGroup',
        'startsAt',
        'endsAt',
        'capacity',
        'facilitator',
        'status',
        'notes',
        'room',
        'updatedAt',
      ],
      oneWay: { status: { kind: 'forward', order: SESSION_STATUSES } },
      devicesDelete: false,
    },
  }),
  enrolments: define({
    name: 'enrolments',
    schema: enrolmentSchema,
    scope: 'hub',
    devicesPush: true,
    conflict: {
      kind: 'merge',
      rule: 'one entry per session and card (the id says so); attendance: the later updatedAt wins; walkIn stays true once true',
    },
    authority: {
      create: 'device',
      createdAs: { hub: 'hubId' },
      derivedId: (d) => enrolmentId(str(d.sessionId), str(d.cardId)),
      owner: { hubField: 'hubId' },
      serverOnly: {},
      deviceMayChange: ['alias', 'walkIn', 'attendance', 'excuseReason', 'markedBy', 'updatedAt'],
      oneWay: { walkIn: { kind: 'false-to-true' } },
      devicesDelete: false,
      references: { sessionId: 'sessions' },
    },
  }),
  content: define({
    name: 'content',
    schema: contentSchema,
    scope: 'hub-list',
    devicesPush: false,
    conflict: { kind: 'server-only' },
    authority: SERVER_WRITES,
  }),
  // The city's card-signing public keys (card-keys.ts): what lets kiosks verify server cards after a rotation.
  // Only the server writes them; a device that could would make any key it likes trusted as the server's.
  card_keys: define({
    name: 'card_keys',
    schema: cardKeySchema,
    scope: 'city',
    devicesPush: false,
    conflict: { kind: 'server-only' },
    authority: SERVER_WRITES,
  }),
  plays: define({
    name: 'plays',
    schema: playSchema,
    scope: 'hub',
    devicesPush: true,
    conflict: {
      kind: 'merge',
      rule: 'one writer per document (the kiosk in its id): shows and seconds only grow, the larger wins',
    },
    authority: {
      create: 'device',
      createdAs: { hub: 'hubId', device: 'deviceId' },
      derivedId: (d) => playId(str(d.deviceId), str(d.contentId), str(d.day)),
      owner: { deviceField: 'deviceId' },
      serverOnly: {},
      deviceMayChange: ['shows', 'seconds', 'updatedAt'],
      oneWay: { shows: { kind: 'grows' }, seconds: { kind: 'grows' } },
      devicesDelete: false,
    },
  }),
  // A check-in annulled by mistake (issue 18, item 5): a correction event beside the immutable check-in.
  annulments: define({
    name: 'annulments',
    schema: annulmentSchema,
    scope: 'hub',
    devicesPush: true,
    conflict: { kind: 'immutable' },
    authority: deviceEvent({
      // one annulment per check-in: its id is the check-in's
      derivedId: (d) => str(d.checkinId),
      // another hub's check-in is refused here; one of another day by the server's push check (sync/annulments.ts)
      references: { checkinId: 'checkins' },
    }),
  }),
  // Refused scans counted by kiosk, hour and reason, with no personal data (refusals.ts says why counters).
  refusals: define({
    name: 'refusals',
    schema: refusalSchema,
    scope: 'hub',
    devicesPush: true,
    conflict: {
      kind: 'merge',
      rule: 'one writer per document (the kiosk in its id): count only grows, the larger wins',
    },
    authority: {
      create: 'device',
      createdAs: { hub: 'hubId', device: 'deviceId' },
      derivedId: (d) => refusalId(str(d.deviceId), str(d.day), Number(d.hour), str(d.reason)),
      owner: { deviceField: 'deviceId' },
      serverOnly: {},
      deviceMayChange: ['count', 'updatedAt'],
      oneWay: { count: { kind: 'grows' } },
      devicesDelete: false,
    },
  }),
  // Urgent notices (issue 17, item 4): the server's alone, pulled by every kiosk of the hubs they name (all when
  // none), each kiosk applying the targeting rule; they reach online kiosks through the live stream like content.
  notices: define({
    name: 'notices',
    schema: noticeSchema,
    scope: 'hub-list',
    devicesPush: false,
    conflict: { kind: 'server-only' },
    authority: SERVER_WRITES,
  }),
} as const;

export type CollectionName = keyof typeof collections;
export const COLLECTION_NAMES = Object.keys(collections) as CollectionName[];

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.hasOwn(collections, value);
}
