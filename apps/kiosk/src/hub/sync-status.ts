import { BehaviorSubject } from 'rxjs';

/** What the kiosk shows about its link to the city: online, last success, documents waiting, last error. */
export interface SyncStatus {
  online: boolean;
  lastSyncAt: number | null;
  waiting: number;
  lastError: string | null;
}

export const initialSyncStatus: SyncStatus = { online: false, lastSyncAt: null, waiting: 0, lastError: null };

/** The current sync status and its changes; whichever sync mechanism runs publishes here. */
export function createSyncStatus(): BehaviorSubject<SyncStatus> {
  return new BehaviorSubject<SyncStatus>(initialSyncStatus);
}
