import type { DeviceSnapshot } from '@vigevano/protocol';
import type { BehaviorSubject } from 'rxjs';
import type { KioskIdentity } from './identity';
import { fetchSnapshot, SyncFailure } from './server-client';
import type { SyncStatus } from './sync-status';

/**
 * Keeps the kiosk's copy of its hub's data fresh: one attempt now, then every `intervalMs`. The kiosk works from
 * its database whatever happens here; this only brings news and records whether the server was reachable.
 */
export class SnapshotSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly identity: KioskIdentity,
    private readonly status: BehaviorSubject<SyncStatus>,
    /** stores a fresh snapshot (in the kiosk database) before it counts as synced */
    private readonly onSnapshot: (snapshot: DeviceSnapshot) => Promise<void>,
    private readonly intervalMs = 30_000,
  ) {}

  /** One attempt; resolves when it has succeeded or failed (it never rejects). */
  syncNow(): Promise<void> {
    this.running ??= this.attempt().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(): void {
    this.timer = setInterval(() => void this.syncNow(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async attempt(): Promise<void> {
    try {
      const snapshot = await fetchSnapshot(this.identity);
      await this.onSnapshot(snapshot);
      this.status.next({ online: true, lastSyncAt: Date.now(), lastError: null });
    } catch (error) {
      const message =
        error instanceof SyncFailure ? error.message : `errore inatteso: ${(error as Error).message}`;
      this.status.next({ ...this.status.value, online: false, lastError: message });
    }
  }
}
