import { type DeviceStorageState, SYNC_HEADERS, SYNC_LIMITS } from '@vigevano/protocol';
import { BehaviorSubject } from 'rxjs';

/** A local document the server will never take: alone it exceeds the push body limit. */
export interface TooLargeDocument {
  collection: string;
  id: string;
  /** its push row's size in UTF-8 bytes */
  bytes: number;
}

/** What the kiosk tells the server (and its own status bar) about itself beyond the sync status. */
export interface DeviceHealthState {
  storage: DeviceStorageState;
  /** documents that stay on the kiosk because they can never be pushed, oldest report first */
  tooLarge: TooLargeDocument[];
  /** the data disk, whole MiB (rounded down), as last measured; null until measured */
  disk: { freeMiB: number; totalMiB: number } | null;
}

const MiB = 1024 * 1024;

/**
 * The kiosk's health as reported with every sync request (SYNC_HEADERS.storage / tooLarge / tooLargeIds). It
 * outlives a replication: the hub service restarts the replication after a full disk and keeps this one.
 */
export class DeviceHealth {
  readonly state$ = new BehaviorSubject<DeviceHealthState>({
    storage: 'ok',
    tooLarge: [],
    disk: null,
  });
  private readonly tooLarge = new Map<string, TooLargeDocument>();

  get state(): DeviceHealthState {
    return this.state$.value;
  }

  setStorage(storage: DeviceStorageState): void {
    if (storage !== this.state.storage) this.state$.next({ ...this.state, storage });
  }

  /**
   * The data disk's space (DiskWatch measures it every few seconds), kept in whole MiB so that a new state (and the
   * status bar's re-render) comes only when it changes by a MiB, not with every byte SQLite writes.
   */
  setDisk(space: { freeBytes: number; totalBytes: number } | null): void {
    const disk = space
      ? { freeMiB: Math.floor(space.freeBytes / MiB), totalMiB: Math.floor(space.totalBytes / MiB) }
      : null;
    const now = this.state.disk;
    if (disk?.freeMiB === now?.freeMiB && disk?.totalMiB === now?.totalMiB) return;
    this.state$.next({ ...this.state, disk });
  }

  /** A document found too large to push (it stays stored here), or no longer (it was edited and pushed). */
  setTooLarge(doc: TooLargeDocument, tooLarge: boolean): void {
    const key = `${doc.collection}/${doc.id}`;
    if (tooLarge === this.tooLarge.has(key) && (!tooLarge || this.tooLarge.get(key)?.bytes === doc.bytes))
      return;
    if (tooLarge) this.tooLarge.set(key, doc);
    else this.tooLarge.delete(key);
    this.state$.next({ ...this.state, tooLarge: [...this.tooLarge.values()] });
  }

  /** Is this document known as too large to push? */
  isTooLarge(collection: string, id: string): boolean {
    return this.tooLarge.has(`${collection}/${id}`);
  }

  headers(): Record<string, string> {
    const { storage, tooLarge, disk } = this.state;
    return {
      ...(disk
        ? {
            [SYNC_HEADERS.diskFreeMiB]: String(disk.freeMiB),
            [SYNC_HEADERS.diskTotalMiB]: String(disk.totalMiB),
          }
        : {}),
      [SYNC_HEADERS.storage]: storage,
      [SYNC_HEADERS.tooLarge]: String(tooLarge.length),
      [SYNC_HEADERS.tooLargeIds]: tooLarge
        .slice(0, SYNC_LIMITS.maxReportedTooLarge)
        .map((d) => `${d.collection}/${d.id}`)
        .join(','),
    };
  }
}
