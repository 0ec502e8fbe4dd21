import {
  SYNC_LIMITS,
  SYNC_STREAM_EVENTS,
  type SyncCheckpoint,
  type SyncStreamReady,
  syncPath,
} from '@vigevano/protocol';
import { createParser } from 'eventsource-parser';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { Subject } from 'rxjs';
import { LinkStopped, type ServerLink } from './server-link';

type Item = RxReplicationPullStreamItem<Record<string, unknown>, SyncCheckpoint>;

/** Silence for this many heartbeats means a dead stream: one late or lost heartbeat is still tolerated. */
const SILENT_HEARTBEATS = 2.5;
/** The longest Retry-After honoured: a server asking for more is waited on with the usual backoff. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** The heartbeat interval a `ready` event announces, or the protocol's default when it says none. */
function heartbeatSeconds(data: string): number {
  try {
    const ready = JSON.parse(data) as Partial<SyncStreamReady>;
    if (typeof ready.heartbeatSeconds === 'number' && ready.heartbeatSeconds > 0)
      return ready.heartbeatSeconds;
  } catch {
    // an older server's `{}` or anything unreadable: the default
  }
  return SYNC_LIMITS.streamPingSeconds;
}

/** A refusal's Retry-After (RFC 9110 §10.2.3: seconds or an HTTP date) in milliseconds, if it has a usable one. */
function retryAfterMs(res: Response): number | undefined {
  if (res.status !== 429 && res.status !== 503) return undefined;
  const header = res.headers.get('retry-after');
  if (!header) return undefined;
  const ms = /^\d+$/.test(header) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
}

/**
 * A collection's live stream (Server-Sent Events over fetch, since the kiosk must send its bearer token), as RxDB's
 * `pull.stream$`: every `changes` notification and every (re)connection becomes `RESYNC`, a pull after the
 * kiosk's checkpoint, so the checkpoint only moves through pulls (which never skip a change) and whatever the
 * kiosk missed while the stream was down comes with the next pull.
 * A stream silent for about two and a half of the server's heartbeats is dead (a proxy buffering it or a cut
 * link look the same): it reconnects forever with the link's backoff, or after the server's Retry-After when
 * refused for load. While it is down the kiosk pulls every `link.live.fallbackPullMs`, and every
 * `link.live.safetyPullMs` in any case. The stream never marks the kiosk offline: pulls and pushes say whether
 * the server answers; a successful connection wakes every waiting retry of the kiosk.
 */
export function liveStream(link: ServerLink, collection: string): { items$: Subject<Item>; stop(): void } {
  const items$ = new Subject<Item>();
  let current: AbortController | undefined;
  let stopped = false;
  let healthy = false;
  const resync = () => {
    if (!stopped) items$.next('RESYNC');
  };
  const fallback = setInterval(() => {
    if (!healthy) resync();
  }, link.live.fallbackPullMs);
  const safety = setInterval(resync, link.live.safetyPullMs);

  const connectOnce = async (): Promise<{ connected: boolean; retryAfterMs?: number }> => {
    const controller = new AbortController();
    current = controller;
    let silenceMs = SYNC_LIMITS.streamPingSeconds * SILENT_HEARTBEATS * 1000;
    let idle: NodeJS.Timeout | undefined;
    const bump = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), silenceMs);
    };
    let connected = false;
    try {
      bump();
      const res = await fetch(link.url(syncPath(collection, 'stream')), {
        headers: link.headers(false),
        signal: AbortSignal.any([controller.signal, link.signal]),
      });
      if (!res.ok || !res.body) {
        await res.body?.cancel().catch(() => undefined);
        return { connected: false, retryAfterMs: retryAfterMs(res) };
      }
      const parser = createParser({
        onEvent: (event) => {
          if (event.event === SYNC_STREAM_EVENTS.ready) {
            silenceMs = heartbeatSeconds(event.data) * SILENT_HEARTBEATS * 1000;
            bump();
            connected = true;
            healthy = true;
            link.markOnline();
            resync();
          } else if (event.event === SYNC_STREAM_EVENTS.changes) {
            resync();
          }
        },
      });
      const decoder = new TextDecoder();
      for await (const chunk of res.body) {
        bump();
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch {
      // closed, silent for too long, or unreachable: the loop below waits and reconnects
    } finally {
      clearTimeout(idle);
      healthy = false;
    }
    return { connected };
  };

  void (async () => {
    let attempt = 0;
    while (!stopped) {
      const { connected, retryAfterMs } = await connectOnce();
      attempt = connected ? 1 : attempt + 1;
      try {
        // Spread over half as long again, so kiosks refused together do not all come back together.
        if (retryAfterMs !== undefined) await link.sleep(retryAfterMs * (1 + Math.random() / 2));
        else await link.pause(attempt);
      } catch (error) {
        if (error instanceof LinkStopped) break;
        throw error;
      }
    }
  })();

  return {
    items$,
    stop: () => {
      stopped = true;
      clearInterval(fallback);
      clearInterval(safety);
      current?.abort();
      items$.complete();
    },
  };
}
