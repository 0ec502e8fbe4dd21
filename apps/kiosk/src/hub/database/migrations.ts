import type { Card, CollectionName } from '@vigevano/protocol';
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
};
