import type { DeviceSnapshot } from '@vigevano/protocol';
import type { KioskIdentity } from './identity';
import { fetchSnapshot, SyncFailure } from './server-client';
import { loadSnapshot, saveSnapshot } from './snapshot-cache';

export interface SyncStatus {
  online: boolean;
  lastSyncAt: number | null;
  lastError: string | null;
}

/**
 * Keeps the kiosk's snapshot fresh: one attempt now, then every `intervalMs`. The kiosk works from the cached
 * snapshot whatever happens here; this only records whether the server was reachable and when.
 */
export class SnapshotSync {
  snapshot: DeviceSnapshot | undefined;
  status: SyncStatus = { online: false, lastSyncAt: null, lastError: null };
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly identity: KioskIdentity,
    private readonly dataDir: string,
    private readonly intervalMs = 30_000,
  ) {
    this.snapshot = loadSnapshot(dataDir);
  }

  /** One attempt; resolves when it has succeeded or failed (it never rejects). */
  syncNow(): Promise<void> {
    this.running ??= this.attempt().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(): void {
    void this.syncNow();
    this.timer = setInterval(() => void this.syncNow(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async attempt(): Promise<void> {
    try {
      const snapshot = await fetchSnapshot(this.identity);
      saveSnapshot(this.dataDir, snapshot);
      this.snapshot = snapshot;
      this.status = { online: true, lastSyncAt: Date.now(), lastError: null };
    } catch (error) {
      const message =
        error instanceof SyncFailure ? error.message : `errore inatteso: ${(error as Error).message}`;
      this.status = { ...this.status, online: false, lastError: message };
    }
  }
}
