import {
  type Card,
  type CollectionName,
  type Content,
  type Device,
  type Enrolment,
  type Hub,
  REPEAT_SCAN_WINDOW_MS,
  type Session,
} from '@vigevano/protocol';
import { addRxPlugin, type MigrationStrategies } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';

// RxDB refuses to open a collection whose schema version is above 0 without its migration plugin.
addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * How a kiosk's stored documents move to a newer schema version of their collection, by collection and version
 * (RxDB refuses to open a collection whose schema changed without a version and a strategy). Give each collection
 * its entry as `migrationStrategies` in `addCollections`.
 */
export const KIOSK_MIGRATIONS: Partial<Record<CollectionName, MigrationStrategies>> = {
  // cards 1 added the server-set facilitatorHubs: a version 0 card has none, and is valid as it is
  cards: { 1: (card: Card) => card },
  hubs: { 1: hubToVersion1 },
  // sessions 1 and enrolments 1 added optional fields only (operation, series, room; an excuse's reason)
  sessions: { 1: (session: Session) => session },
  enrolments: { 1: (enrolment: Enrolment) => enrolment },
  // content 1 added media, layout, deviceIds and tags; devices 1 added tags: all optional
  content: { 1: (item: Content) => item },
  devices: { 1: (device: Device) => device },
};

/** A version 0 hub document: one hub-wide facilitator PIN, no closures, window or archive flag. */
type HubVersion0 = Omit<Hub, 'closures' | 'repeatScanWindowMs' | 'facilitators' | 'archived'> & {
  facilitatorPin?: NonNullable<Hub['facilitators'][number]['pin']>;
};

/**
 * hubs 1: the hub-wide PIN becomes one facilitator named "PIN" (its id is the hub's own, as the server's migration
 * 0012 names it too), so the PIN keeps opening facilitator mode offline until the server's version arrives; the
 * new fields take the values a version 0 hub behaved with (no closures, the city's window, not archived).
 */
function hubToVersion1(old: HubVersion0): Hub {
  const { facilitatorPin, ...rest } = old;
  return {
    ...rest,
    closures: [],
    repeatScanWindowMs: REPEAT_SCAN_WINDOW_MS,
    facilitators: facilitatorPin ? [{ id: old.id, name: 'PIN', pin: facilitatorPin }] : [],
    archived: false,
  };
}
