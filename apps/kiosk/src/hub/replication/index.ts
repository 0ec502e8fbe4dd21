// The kiosk's replication with the sync server. The hub service calls startReplication(…) once its RxDatabase is
// open (collections created with conflictHandlerFor(name)), shows `status$`, and calls stop() before closing it.
export { conflictHandlerFor } from './conflict-handlers';
export { type KioskReplication, type StartReplicationOptions, startReplication } from './start-replication';
export type { SyncStatus } from './sync-status';
