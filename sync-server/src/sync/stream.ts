import { SYNC_STREAM_EVENTS, type SyncStreamReady } from '@vigevano/protocol';
import type { FastifyReply } from 'fastify';
import { tokenHash } from '../auth/tokens';
import type { StreamConfig } from '../config';
import type { AuthenticatedDevice } from '../devices/enrolment';
import { type EventStream, openEventStream } from '../http/event-stream';
import type { ChangeEvents, DocumentsChanged } from '../store/change-events';
import type { SyncCollection } from './collections';

/** Seconds a refused client is asked to wait (Retry-After, RFC 9110 §10.2.3) before opening a stream again. */
const STREAM_RETRY_AFTER_SECONDS = 30;

/** Why a stream was not opened: the status, error code and message to answer, and the Retry-After seconds. */
export interface StreamRefusal {
  status: 429 | 503;
  code: 'rate_limited' | 'unavailable';
  message: string;
  retryAfterSeconds: number;
}

/** A place among the open streams, taken before the stream opens; released when it closes or never opens. */
export interface StreamSlot {
  release(): void;
  /** the device was revoked between taking the place and opening the stream: do not open it */
  readonly cancelled: boolean;
  /** the stream is open: from now on a revocation closes it */
  opened(): void;
}

/**
 * The open sync streams of one server, by device: it caps them per device (429) and in total (503), so one token
 * cannot take every socket the server has and lock other kiosks out, closes a device's streams when it is
 * revoked, and closes them all when the server shuts down (an open response would hold it up).
 */
export class SyncStreams {
  private readonly byDevice = new Map<string, Set<EventStream>>();
  private readonly reserved = new Map<string, number>();
  /** places taken whose stream is not open yet, by device: a revocation in that gap cancels them */
  private readonly opening = new Map<string, Set<{ cancelled: boolean }>>();
  /** the device of each credential (by its hash) with streams open: a flood is refused before any query */
  private readonly deviceOfCredential = new Map<string, string>();
  private total = 0;

  constructor(private readonly limits: StreamConfig) {}

  /** Streams open or about to open (their place taken), of all devices: the open-streams gauge. */
  openCount(): number {
    return this.total;
  }

  /**
   * Takes a place for a new stream of `deviceId`, or says why not. Counted at once, before any await, so
   * concurrent requests cannot all pass the check and then all open.
   */
  reserve(deviceId: string): StreamSlot | StreamRefusal {
    const mine = this.reserved.get(deviceId) ?? 0;
    if (mine >= this.limits.perDevice) return this.tooMany(mine);
    if (this.total >= this.limits.total)
      return {
        status: 503,
        code: 'unavailable',
        message: `the server has ${this.total} live streams open, its limit; pull meanwhile`,
        retryAfterSeconds: STREAM_RETRY_AFTER_SECONDS,
      };
    this.reserved.set(deviceId, mine + 1);
    this.total += 1;
    const state = { cancelled: false };
    const opening = this.opening.get(deviceId) ?? new Set();
    opening.add(state);
    this.opening.set(deviceId, opening);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.opened(deviceId, state);
        this.total -= 1;
        const left = (this.reserved.get(deviceId) ?? 1) - 1;
        if (left > 0) this.reserved.set(deviceId, left);
        else this.reserved.delete(deviceId);
      },
      get cancelled() {
        return state.cancelled;
      },
      opened: () => this.opened(deviceId, state),
    };
  }

  /** A place's stream opened (or never will): a revocation now closes the stream instead. */
  private opened(deviceId: string, state: { cancelled: boolean }): void {
    const opening = this.opening.get(deviceId);
    opening?.delete(state);
    if (opening?.size === 0) this.opening.delete(deviceId);
  }

  /**
   * The refusal for a bearer token whose device already holds its full share of streams, known without asking
   * the store (so one token's flood costs no queries); undefined means "authenticate and reserve as usual".
   */
  refusalBeforeAuthentication(token: string): StreamRefusal | undefined {
    const deviceId = this.deviceOfCredential.get(tokenHash(token));
    const mine = deviceId === undefined ? 0 : (this.reserved.get(deviceId) ?? 0);
    return mine >= this.limits.perDevice ? this.tooMany(mine) : undefined;
  }

  private tooMany(open: number): StreamRefusal {
    return {
      status: 429,
      code: 'rate_limited',
      message: `this kiosk already has ${open} live streams open (at most ${this.limits.perDevice})`,
      retryAfterSeconds: STREAM_RETRY_AFTER_SECONDS,
    };
  }

  /** How many streams are open or about to open (of one device, or of all). */
  count(deviceId?: string): number {
    return deviceId === undefined ? this.total : (this.reserved.get(deviceId) ?? 0);
  }

  /** Devices with a stream open or about to open. */
  devices(): string[] {
    return [...this.reserved.keys()];
  }

  /**
   * A device's live stream of one collection (Server-Sent Events): `ready` when it opens (with the heartbeat
   * interval, so the client knows how long a silence means a dead link), then `changes` each time a commit
   * touching the device's scope is announced, and a heartbeat comment between. It carries no documents on
   * purpose: the client pulls after its own checkpoint, so its checkpoint only ever moves through pulls, which are
   * gap-free by change-order.ts. (Streaming documents with checkpoints let RxDB move a kiosk's checkpoint past
   * changes it had not pulled yet when the stream and the pulls interleaved around reconnections; the city test
   * caught it.) Notifications are coalesced: at most one is in flight per stream while the client catches up.
   */
  open(
    /** the store's announcements of commits (of every instance on PostgreSQL) */
    changes: ChangeEvents,
    collection: SyncCollection,
    device: AuthenticatedDevice,
    /** the bearer token it authenticated with (kept only as its hash) */
    token: string,
    reply: FastifyReply,
    slot: StreamSlot,
  ): void {
    slot.opened();
    const credential = tokenHash(token);
    let pending: NodeJS.Timeout | undefined;
    // null: any collection may have changed (announcements from other instances may have been lost)
    const relevant = (change: DocumentsChanged) =>
      (change.collection === collection.name || change.collection === null) &&
      (collection.scope !== 'hub' || change.hubIds.some((h) => h === null || h === device.hubId));
    const onChange = (change: DocumentsChanged) => {
      if (pending || !relevant(change)) return;
      // A burst of commits (a kiosk pushing a month of check-ins) becomes one notification.
      pending = setTimeout(() => {
        pending = undefined;
        stream.send(SYNC_STREAM_EVENTS.changes, { collection: collection.name });
      }, 20);
    };
    const stream = openEventStream(reply, {
      heartbeatMs: this.limits.heartbeatSeconds * 1000,
      onClose: () => {
        clearTimeout(pending);
        changes.off('changed', onChange);
        const streams = this.byDevice.get(device.deviceId);
        streams?.delete(stream);
        if (streams?.size === 0) {
          this.byDevice.delete(device.deviceId);
          this.deviceOfCredential.delete(credential);
        }
        slot.release();
      },
    });
    const streams = this.byDevice.get(device.deviceId) ?? new Set();
    streams.add(stream);
    this.byDevice.set(device.deviceId, streams);
    this.deviceOfCredential.set(credential, device.deviceId);
    changes.on('changed', onChange);
    stream.send(SYNC_STREAM_EVENTS.ready, {
      heartbeatSeconds: this.limits.heartbeatSeconds,
    } satisfies SyncStreamReady);
  }

  /** Ends every stream of a device (revoked: it must hear nothing more). */
  closeDevice(deviceId: string): void {
    for (const state of this.opening.get(deviceId) ?? []) state.cancelled = true;
    for (const stream of [...(this.byDevice.get(deviceId) ?? [])]) stream.close();
  }

  closeAll(): void {
    for (const deviceId of [...this.byDevice.keys()]) this.closeDevice(deviceId);
  }
}
