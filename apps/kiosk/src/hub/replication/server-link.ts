import { type ApiErrorBody, SYNC_HEADERS } from '@vigevano/protocol';
import { BehaviorSubject } from 'rxjs';
import type { DeviceHealth } from './device-health';
import { INITIAL_STATUS, type SyncStatus } from './sync-status';

/** A refusal that retrying will not cure (bad request, revoked kiosk): the replication reports it and waits. */
export class SyncRefused extends Error {
  override name = 'SyncRefused';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Raised in waiting requests when the replication stops. */
export class LinkStopped extends Error {
  override name = 'LinkStopped';
}

export interface ServerLinkOptions {
  serverUrl: string;
  token: string;
  appVersion: string;
  /** first and longest pause between attempts while the server cannot be reached */
  backoff?: { minMs: number; maxMs: number };
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  /** how the live streams fall back to pulls (defaults: LIVE_TIMING_DEFAULTS) */
  live?: Partial<LiveTiming>;
  /** the kiosk's disk and unpushable documents, sent with every request for the dashboard */
  health?: DeviceHealth;
}

/** Pulls that stand in for the live streams, in milliseconds. */
export interface LiveTiming {
  /** while a collection's stream is down (refused, cut, or buffered by a proxy): pull this often */
  fallbackPullMs: number;
  /** pull this often in any case: a safety net for a notification lost on the way */
  safetyPullMs: number;
}

/** A stream down means changes within about a heartbeat (15 s); and a full resync every 5 minutes regardless. */
const LIVE_TIMING_DEFAULTS: LiveTiming = { fallbackPullMs: 15_000, safetyPullMs: 5 * 60_000 };

function refusalMessage(status: number, body: ApiErrorBody | undefined): string {
  if (body?.error.code === 'device_revoked')
    return 'questo totem è stato revocato: chiedi al coordinamento di registrarlo di nuovo';
  if (status === 401) return 'il server non riconosce questo totem';
  return `il server ha rifiutato la richiesta (${status}${body ? `: ${body.error.message}` : ''})`;
}

/**
 * The kiosk's one connection to its sync server, shared by every collection's replication: it signs requests
 * (bearer token, app version, device time, documents waiting), keeps the sync status, and retries what the
 * network or the server failed with growing pauses, forever: a kiosk offline for weeks resumes by itself.
 * Any success (a pull, a push, the live stream reconnecting) wakes every waiting retry at once, so the whole
 * kiosk notices the server coming back within one attempt instead of each collection's next pause.
 */
export class ServerLink {
  readonly status$ = new BehaviorSubject<SyncStatus>(INITIAL_STATUS);
  private readonly waiting = new Map<string, number>();
  private wakers = new Set<() => void>();
  private stopped = false;
  private readonly stopController = new AbortController();
  private readonly backoff: { minMs: number; maxMs: number };
  private readonly fetchImpl: typeof fetch;
  readonly live: LiveTiming;

  constructor(private readonly options: ServerLinkOptions) {
    this.backoff = options.backoff ?? { minMs: 1_000, maxMs: 60_000 };
    this.fetchImpl = options.fetch ?? fetch;
    this.live = { ...LIVE_TIMING_DEFAULTS, ...options.live };
  }

  get status(): SyncStatus {
    return this.status$.value;
  }

  private update(patch: Partial<SyncStatus>): void {
    if (this.stopped) return;
    this.status$.next({ ...this.status$.value, ...patch });
  }

  /** A collection reports how many of its documents wait to be pushed. */
  setWaiting(collection: string, count: number): void {
    this.waiting.set(collection, count);
    let total = 0;
    for (const n of this.waiting.values()) total += n;
    if (total !== this.status.waiting) this.update({ waiting: total });
  }

  headers(json: boolean): Record<string, string> {
    return {
      authorization: `Bearer ${this.options.token}`,
      [SYNC_HEADERS.appVersion]: this.options.appVersion,
      [SYNC_HEADERS.deviceTime]: String(Date.now()),
      [SYNC_HEADERS.pending]: String(this.status.waiting),
      ...this.options.health?.headers(),
      ...(json ? { 'content-type': 'application/json' } : {}),
    };
  }

  url(path: string): string {
    return new URL(path, this.options.serverUrl).toString();
  }

  markOnline(): void {
    this.update({ online: true, lastSuccessAt: Date.now(), lastError: null });
    this.wakeAll();
  }

  markOffline(message: string): void {
    this.update({ online: false, lastError: message });
  }

  /** Waits `ms` (a server's Retry-After) unless the replication stops first; not shortened by `wakeAll`. */
  async sleep(ms: number): Promise<void> {
    if (this.stopped) throw new LinkStopped('replication stopped');
    const signal = this.stopController.signal;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
    });
    if (this.stopped) throw new LinkStopped('replication stopped');
  }

  /** Ends every pending wait now (the server is back, or staff pressed "sincronizza"). */
  wakeAll(): void {
    const wakers = this.wakers;
    this.wakers = new Set();
    for (const wake of wakers) wake();
  }

  /** Waits the pause for the given attempt (1, 2, …) with jitter, or less if woken; throws if stopped. */
  async pause(attempt: number): Promise<void> {
    if (this.stopped) throw new LinkStopped('replication stopped');
    const base = Math.min(this.backoff.maxMs, this.backoff.minMs * 2 ** Math.min(attempt - 1, 20));
    const ms = base / 2 + Math.random() * (base / 2);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.add(done);
    });
    if (this.stopped) throw new LinkStopped('replication stopped');
  }

  get signal(): AbortSignal {
    return this.stopController.signal;
  }

  /**
   * One request, retried until the server answers it: network failures, timeouts, 5xx and 429 wait and try
   * again; a 2xx is returned; any other refusal throws SyncRefused (the replication reports it and retries later).
   */
  async request(path: string, init: { method?: string; body?: string } = {}): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) throw new LinkStopped('replication stopped');
      let res: Response | undefined;
      let failure: string;
      try {
        res = await this.fetchImpl(this.url(path), {
          method: init.method ?? 'GET',
          headers: this.headers(init.body !== undefined),
          body: init.body,
          signal: AbortSignal.any([
            this.stopController.signal,
            AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
          ]),
        });
        if (res.ok) {
          // Read the whole body here: an answer cut short by the network is a transient failure like any other
          // and is retried below, instead of surfacing in RxDB's handler (which would pause 30 s, see retryTime).
          const body = await res.arrayBuffer();
          this.markOnline();
          return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
        }
        const body = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
        if (res.status < 500 && res.status !== 429) {
          const message = refusalMessage(res.status, body);
          // The server answered: the kiosk is online, but this request will not pass as it is.
          this.update({ online: true, lastError: message });
          throw new SyncRefused(message, res.status, body?.error.code);
        }
        failure = `il server ha un problema (${res.status}), riprovo`;
      } catch (error) {
        if (error instanceof SyncRefused) throw error;
        if (this.stopped) throw new LinkStopped('replication stopped');
        failure =
          (error as Error).name === 'TimeoutError'
            ? `nessuna risposta dal server (${this.options.serverUrl})`
            : `server non raggiungibile (${this.options.serverUrl})`;
      }
      this.markOffline(failure);
      await this.pause(attempt);
    }
  }

  stop(): void {
    this.stopped = true;
    this.stopController.abort();
    this.wakeAll();
    this.status$.complete();
  }
}
