/**
 * Write authority: who may create a document of a collection, and which of its fields a device may change
 * afterwards. Each collection states it beside its conflict policy (registry.ts); the server enforces it on every
 * push before any merge (packages/protocol/src/merge/authority.ts judges one pushed row). It is read against the
 * document the server has STORED, never against the pushed one: a kiosk may be stolen, so what it sends proves
 * nothing about what it owns.
 */

/** How a field may move once stored, when a device may change it at all. */
export type OneWayRule =
  /** a flag that is only ever raised: false (or absent) to true, never back (`revoked`, `walkIn`) */
  | { kind: 'false-to-true' }
  /** absent until first set, then fixed (`revokedAt`, `revokedReason`) */
  | { kind: 'set-once' }
  /** moves along `order` only, never back (`status`: planned, open, closed, cancelled) */
  | { kind: 'forward'; order: readonly string[] }
  /** a counter that never decreases (`shows`, `seconds`) */
  | { kind: 'grows' };

/**
 * Which enrolled devices may change a stored document:
 * - `server`: none; the server alone writes the collection.
 * - `{ hubField }`: the devices of the hub the STORED document names in that field.
 * - `{ deviceField }`: the one device the STORED document names in that field (one writer per document).
 */
export type Ownership = 'server' | { hubField: string } | { deviceField: string };

export interface WriteAuthority {
  /** who may create a document: the server alone, or also an enrolled device (for its own hub, see `createdAs`) */
  create: 'server' | 'device';
  /** on a device's create, the fields that must name the device itself: its hub, its own id */
  createdAs: { hub?: string; device?: string };
  /** the fields whose value a device's create must match, derived from the other fields (ids built from parts) */
  derivedId?: (doc: Record<string, unknown>) => string | undefined;
  owner: Ownership;
  /**
   * Fields only the server sets (roles, grants, server issuer): a device's create may leave them out or give one of
   * the listed values (the default a kiosk writes), and no device ever changes them.
   */
  serverOnly: Readonly<Record<string, readonly unknown[]>>;
  /** the fields an owning device may change on a stored document; every other field never changes after creation */
  deviceMayChange: readonly string[];
  /** the changeable fields that may only move one way */
  oneWay: Readonly<Record<string, OneWayRule>>;
  /** whether a device may delete a document (RxDB's `_deleted`); kiosks never do, the server may */
  devicesDelete: boolean;
  /**
   * Fields that name a document of another collection (field → collection), e.g. a check-in's `sessionId`. A device
   * may only name one the server holds for the device's own hub, or one the server does not hold yet (a session
   * made offline that has not been pushed): a row is judged alone, so this is checked against the store by the
   * server on every push.
   */
  references?: Readonly<Record<string, string>>;
}

/** The authority of a collection that the server alone writes (hubs, devices, content). */
export const SERVER_WRITES: WriteAuthority = {
  create: 'server',
  createdAs: {},
  owner: 'server',
  serverOnly: {},
  deviceMayChange: [],
  oneWay: {},
  devicesDelete: false,
};
