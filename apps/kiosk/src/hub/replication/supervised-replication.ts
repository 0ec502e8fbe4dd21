import { syncPath } from '@vigevano/protocol';
import { BehaviorSubject, EMPTY, filter, interval, type Observable, type Subscription } from 'rxjs';
import { isDiskFullError } from '../storage/disk-full';
import type { DiskWatch } from '../storage/disk-watch';
import { DeviceHealth } from './device-health';
import { ServerLink } from './server-link';
import { type KioskReplication, type StartReplicationOptions, startReplication } from './start-replication';
import { INITIAL_STATUS, type SyncStatus } from './sync-status';

/** The status bar's reason while replication waits for disk space (Italian: hub staff read it). */
const DISK_FULL_MESSAGE =
  'disco pieno: la sincronizzazione riprende da sola quando si libera spazio sul totem';

export interface SupervisedReplicationOptions extends StartReplicationOptions {
  /** the kiosk's disk: replication runs only while it has space */
  disk: DiskWatch;
  /**
   * Errors raised outside any caller, such as the process's unhandled rejections: RxDB's replication writes its
   * checkpoints in promise chains nobody awaits, so a full disk surfaces there. Disk-full ones pause replication.
   */
  storageFailures$?: Observable<unknown>;
  /** how often a kiosk that cannot replicate tells the server why (default 60 s) */
  reportEveryMs?: number;
}

export interface SupervisedReplication extends Omit<KioskReplication, 'errors$'> {
  /** disk state and documents too large to push, as reported to the server */
  health: DeviceHealth;
}

/**
 * The kiosk's replication kept alive through a full disk. When a local write fails for lack of space (or free space
 * drops below the watch's minimum) the replication is stopped, since RxDB's replication state is broken after a
 * failed checkpoint write, and the server is told "disk full" by a bare report request now and then. When space is
 * back a new replication starts from the checkpoints on disk: every write that failed was rolled back, so nothing is
 * skipped and nobody has to touch the kiosk.
 */
export function superviseReplication(options: SupervisedReplicationOptions): SupervisedReplication {
  const { disk } = options;
  const health = options.health ?? new DeviceHealth();
  const status$ = new BehaviorSubject<SyncStatus>(INITIAL_STATUS);
  const reporter = new ServerLink({
    serverUrl: options.identity.serverUrl,
    token: options.identity.token,
    appVersion: options.appVersion,
    backoff: options.backoff,
    health,
  });
  let current: { replication: KioskReplication; subscriptions: Subscription[] } | undefined;
  // Stops and starts run one after another: two replications of one collection must never overlap.
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  let reporting = false;

  const run = (step: () => Promise<void> | void) => {
    queue = queue.then(step).catch(() => undefined);
    return queue;
  };

  const start = () =>
    run(() => {
      if (stopped || current || disk.isFull) return;
      const replication = startReplication({ ...options, health });
      current = {
        replication,
        subscriptions: [
          replication.status$.subscribe((s) => status$.next(s)),
          replication.errors$.pipe(filter(isDiskFullError)).subscribe(() => disk.reportFull()),
        ],
      };
    });

  const pause = () =>
    run(async () => {
      const running = current;
      current = undefined;
      if (!running) return;
      for (const s of running.subscriptions) s.unsubscribe();
      // A replication broken by a failed write may not cancel cleanly; it is dropped either way.
      await running.replication.stop().catch(() => undefined);
    });

  const report = async () => {
    if (reporting || stopped) return;
    reporting = true;
    try {
      await reporter.request(syncPath('', 'report'), { method: 'POST' });
      if (!current)
        status$.next({ ...status$.value, online: true, lastSuccessAt: reporter.status.lastSuccessAt });
    } catch {
      // stopped, or refused: the next report (or the replication) tells
    } finally {
      reporting = false;
    }
  };

  const subscriptions = [
    disk.full$.subscribe((full) => {
      health.setStorage(full ? 'full' : 'ok');
      if (full) {
        void pause().then(() => {
          status$.next({ ...status$.value, lastError: DISK_FULL_MESSAGE });
          return report();
        });
      } else {
        void start();
      }
    }),
    disk.space$.subscribe((space) => health.setDisk(space)),
    (options.storageFailures$ ?? EMPTY).pipe(filter(isDiskFullError)).subscribe(() => disk.reportFull()),
    interval(options.reportEveryMs ?? 60_000).subscribe(() => {
      if (!current && disk.isFull) void report();
    }),
  ];
  void disk.check();

  return {
    health,
    status$: status$.asObservable(),
    get status() {
      return status$.value;
    },
    syncNow: () => {
      void disk.check();
      reporter.wakeAll();
      current?.replication.syncNow();
    },
    awaitInSync: async () => {
      await queue;
      await current?.replication.awaitInSync();
    },
    stop: async () => {
      stopped = true;
      for (const s of subscriptions) s.unsubscribe();
      reporter.stop();
      await pause();
      status$.complete();
    },
  };
}
