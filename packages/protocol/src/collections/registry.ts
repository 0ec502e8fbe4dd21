import { cardSchema } from './cards';
import { checkinSchema } from './checkins';
import { contentSchema } from './content';
import { deviceSchema } from './devices';
import { enrolmentSchema } from './enrolments';
import { hubSchema } from './hubs';
import { playSchema } from './plays';
import { sessionSchema } from './sessions';

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
}

function define<S>(d: CollectionDefinition<S>): CollectionDefinition<S> {
  return d;
}

export const collections = {
  hubs: define({
    name: 'hubs',
    schema: hubSchema,
    scope: 'city',
    devicesPush: false,
    conflict: { kind: 'server-only' },
  }),
  devices: define({
    name: 'devices',
    schema: deviceSchema,
    scope: 'city',
    devicesPush: false,
    conflict: { kind: 'server-only' },
  }),
  cards: define({
    name: 'cards',
    schema: cardSchema,
    scope: 'city',
    devicesPush: true,
    conflict: {
      kind: 'merge',
      rule: 'identity fields never change after issue; revoked only goes from false to true (a revocation always wins)',
    },
  }),
  checkins: define({
    name: 'checkins',
    schema: checkinSchema,
    scope: 'hub',
    devicesPush: true,
    conflict: { kind: 'immutable' },
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
  }),
  content: define({
    name: 'content',
    schema: contentSchema,
    scope: 'hub-list',
    devicesPush: false,
    conflict: { kind: 'server-only' },
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
  }),
} as const;

export type CollectionName = keyof typeof collections;
export const COLLECTION_NAMES = Object.keys(collections) as CollectionName[];

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.hasOwn(collections, value);
}
