import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  addLocalDays,
  type Card,
  type Content,
  type ExitResult,
  type Hub,
  type KioskState,
  type Notice,
  type Session,
  startOfLocalDay,
} from '@vigevano/protocol';
import type { RxDatabase } from 'rxdb';
import {
  debounceTime,
  filter,
  from,
  interval,
  merge,
  type Observable,
  share,
  startWith,
  switchMap,
} from 'rxjs';
import { createHandlers } from './api/handlers';
import { attachKioskApi } from './api/ws-server';
import { CardIssuer } from './cards/card-issuer';
import { cardSheetHtml } from './cards/card-sheet';
import { CheckinService } from './checkin/checkin-service';
import { scheduleClosingCheckout } from './checkin/closing-scheduler';
import { RefusalCounter } from './checkin/refusal-counter';
import { KioskClock } from './clock';
import { ProofOfPlay } from './content/proof-of-play';
import { type KioskDatabase, openKioskDatabase } from './database/open';
import { buildKioskHttp, NotReady } from './http';
import { createMessages } from './i18n/messages';
import type { KioskIdentity } from './identity';
import { buildKioskState } from './kiosk-state';
import { MediaStore } from './media/media-store';
import { startMediaSync } from './media/media-sync';
import type { DeviceHealthState } from './replication/device-health';
import { superviseReplication } from './replication/supervised-replication';
import type { SyncStatus as ReplicationStatus } from './replication/sync-status';
import { FacilitatorGate } from './sessions/facilitator-gate';
import { sessionRegisterPdf } from './sessions/session-register';
import { SessionService } from './sessions/session-service';
import { DiskWatch } from './storage/disk-watch';

export interface HubServiceOptions {
  dataDir: string;
  identity: KioskIdentity;
  uiDir: string;
  port: number;
  /** how long a kiosk with no data yet waits for its first sync before serving (default 15 s) */
  firstSyncWaitMs?: number;
  logger?: boolean | { level: string };
  /**
   * Errors nobody awaited (main.ts feeds the process's unhandled rejections): a full disk surfacing there pauses
   * replication instead of ending the process.
   */
  storageFailures$?: Observable<unknown>;
  /** free space below which the disk counts as full (default 1 MiB) */
  minFreeBytes?: number;
  /** the most bytes of media the kiosk keeps for offline play (default DEFAULT_MEDIA_BUDGET_BYTES) */
  mediaBudgetBytes?: number;
}

/** A kiosk's media budget unless configured (KIOSK_MEDIA_BUDGET_MB): a few hundred pictures and a dozen clips. */
const DEFAULT_MEDIA_BUDGET_BYTES = 500 * 1024 * 1024;

export interface RunningHubService {
  url: string;
  secret: string;
  db: KioskDatabase;
  /** the shell's "exit kiosk mode" check: the hub's facilitator PIN, with the same lockout as facilitator mode */
  verifyExitPin(pin: string): Promise<ExitResult>;
  close(): Promise<void>;
}

const DEFAULT_TIME_ZONE = 'Europe/Rome';
/** Sent with every sync request; the dashboard's Devices page shows it. */
const APP_VERSION = process.env.KIOSK_APP_VERSION ?? '0.1.0';

/**
 * The kiosk's brain, in plain Node (the same under Electron's utilityProcess): its database, check-in, cards,
 * sessions, the link to the city server, and the HTTP + WebSocket API the UI uses, on 127.0.0.1 only.
 */
export async function startHubService(options: HubServiceOptions): Promise<RunningHubService> {
  const { identity } = options;
  const db = await openKioskDatabase({ directory: options.dataDir });
  const clock = await KioskClock.open(db, identity.deviceId);
  const messages = await createMessages();
  const hubTimeZone = async () =>
    (await db.hubs.findOne(identity.hubId).exec())?.timezone ?? DEFAULT_TIME_ZONE;
  const refusals = new RefusalCounter(db, identity, hubTimeZone);
  const checkins = new CheckinService({ db, identity, clock, messages, refusals });
  const sessions = new SessionService(db, identity);
  const gate = new FacilitatorGate(db, identity);
  const cards = new CardIssuer(db, identity);

  const closing = scheduleClosingCheckout(db, identity.hubId, checkins);
  void closing.runDue().catch(() => undefined);

  // Check-ins of the hub's other kiosks arriving by sync move this kiosk's clock past them (hybrid logical clock).
  const observed = db.checkins.insert$.subscribe((event) =>
    clock.observe(event.documentData.hlc, Date.now()),
  );
  // Replication with the city server runs in the background; the kiosk works the same without it. It pauses while
  // the disk is full and resumes by itself once space is freed.
  const disk = new DiskWatch({ directory: options.dataDir, minFreeBytes: options.minFreeBytes });
  const replication = superviseReplication({
    database: db as unknown as RxDatabase,
    identity,
    appVersion: APP_VERSION,
    disk,
    storageFailures$: options.storageFailures$,
  });
  const syncOf = (s: ReplicationStatus, health: DeviceHealthState): KioskState['sync'] => ({
    online: s.online,
    lastSyncAt: s.lastSuccessAt,
    waiting: s.waiting,
    lastError: s.lastError,
    diskFull: health.storage === 'full',
    tooLarge: health.tooLarge.length,
  });
  // A kiosk starting for the first time waits (a little) for its hub's data; one that has it starts at once.
  if (!(await db.hubs.findOne(identity.hubId).exec()))
    await Promise.race([
      replication.awaitInSync(),
      new Promise((r) => setTimeout(r, options.firstSyncWaitMs ?? 15_000)),
    ]);

  // Media for the info screens: downloaded after content syncs, kept to play with no network (media/).
  const media = new MediaStore({
    directory: join(options.dataDir, 'media'),
    budgetBytes: options.mediaBudgetBytes ?? DEFAULT_MEDIA_BUDGET_BYTES,
  });
  await media.open();
  const mediaSync = startMediaSync({
    store: media,
    hubId: identity.hubId,
    serverUrl: identity.serverUrl,
    token: identity.token,
    content: async () => (await db.content.find().exec()).map((d) => d.toJSON() as Content),
    contentChanged$: db.content.$,
  });

  const hub = async (): Promise<Hub> => {
    const doc = await db.hubs.findOne(identity.hubId).exec();
    if (!doc)
      throw new NotReady(
        'Il totem non ha ancora ricevuto i dati del suo hub: collegalo alla rete almeno una volta.',
      );
    return doc.toJSON() as Hub;
  };
  const state = async (): Promise<KioskState> => {
    const h = await hub();
    const now = Date.now();
    // Only today's sessions (on the [hubId, startsAt] index): the collection holds years of them.
    const [sessionDocs, contentDocs, noticeDocs, deviceDoc] = await Promise.all([
      db.sessions
        .find({
          selector: {
            hubId: identity.hubId,
            startsAt: { $gte: startOfLocalDay(h.timezone, now), $lt: addLocalDays(h.timezone, now, 1) },
          },
        })
        .exec(),
      db.content.find().exec(),
      db.notices.find().exec(),
      // the kiosk's own document: its tags say which groups' items it shows
      db.devices.findOne(identity.deviceId).exec(),
    ]);
    return buildKioskState({
      hub: h,
      device: { id: identity.deviceId, name: identity.name, tags: deviceDoc?.tags ?? [] },
      sessions: sessionDocs.map((d) => d.toJSON() as Session),
      content: contentDocs.map((d) => d.toJSON() as Content),
      notices: noticeDocs.map((d) => d.toJSON() as Notice),
      sync: syncOf(replication.status, replication.health.state),
      now,
    });
  };
  // Recomputed when what the idle screen shows changes (not on every check-in), when the sync status changes,
  // and every 15 s for the clock and the schedule.
  // Notices come by the live stream within seconds of their creation: a change recomputes the state at once.
  const shown = new Set(['hubs', 'sessions', 'content', 'notices', 'devices']);
  const state$: Observable<KioskState> = merge(
    db.$.pipe(filter((event) => shown.has(event.collectionName ?? ''))),
    replication.status$,
    replication.health.state$,
    interval(15_000),
  ).pipe(
    startWith(0),
    debounceTime(100),
    switchMap(() => from(state().catch(() => undefined))),
    filter((s): s is KioskState => s !== undefined),
    share(),
  );

  const secret = randomBytes(24).toString('base64url');
  const cardSheet = async (cardId: string, token: string): Promise<string | undefined> => {
    if (!gate.check(token)) return undefined;
    const card = (await db.cards.findOne(cardId).exec())?.toJSON() as Card | undefined;
    const printable = card ? cards.tokenFor(card) : undefined;
    if (!card || !printable) return undefined;
    const hubName = (await db.hubs.findOne(identity.hubId).exec())?.name ?? '';
    return cardSheetHtml(card, printable, hubName);
  };
  const app = await buildKioskHttp({
    uiDir: options.uiDir,
    secret,
    state,
    cardSheet,
    sessionRegister: async (sessionId, token) =>
      gate.check(token) ? sessionRegisterPdf(db, identity.hubId, sessionId) : undefined,
    mediaFile: (id) => media.file(id),
    logger: options.logger,
  });
  const timeZone = async () => (await db.hubs.findOne(identity.hubId).exec())?.timezone ?? DEFAULT_TIME_ZONE;
  const handlers = createHandlers({
    db,
    identity,
    checkins,
    sessions,
    gate,
    cards,
    plays: new ProofOfPlay(db, identity, timeZone),
    state,
    state$,
    timeZone,
  });
  let url = '';
  const api = attachKioskApi(app.server, handlers, {
    secret,
    allowedOrigins: () => [url, url.replace('127.0.0.1', 'localhost')],
  });
  const address = await app.listen({ host: '127.0.0.1', port: options.port });
  url = address;

  return {
    url,
    secret,
    db,
    verifyExitPin: async (pin) => {
      const result = await gate.withPin(pin);
      if (!result.ok) return { ok: false, reason: result.reason };
      gate.close(result.token);
      return { ok: true };
    },
    close: async () => {
      closing.stop();
      observed.unsubscribe();
      await mediaSync.stop();
      await replication.stop();
      disk.stop();
      await api.close();
      await app.close();
      await db.close();
    },
  };
}
