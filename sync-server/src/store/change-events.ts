import { EventEmitter } from 'node:events';

/** Which documents changed, announced after their transaction committed (never before: readers must see them). */
export interface DocumentsChanged {
  collection: string;
  /** hubs whose documents changed; null stands for city-wide documents */
  hubIds: Array<string | null>;
  count: number;
}

/**
 * In-process announcements of committed writes: live streams (the sync SSE stream, the dashboard's "city now")
 * subscribe here instead of polling the store. One server process per store; replicas would need a shared bus
 * (PostgreSQL LISTEN/NOTIFY), noted for when a city runs more than one.
 */
class ChangeEvents extends EventEmitter<{ changed: [DocumentsChanged] }> {
  announce(change: DocumentsChanged): void {
    if (change.count > 0) this.emit('changed', change);
  }
}

export const changeEvents = new ChangeEvents();
changeEvents.setMaxListeners(0);
