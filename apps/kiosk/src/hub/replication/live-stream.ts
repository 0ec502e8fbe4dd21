import { SYNC_LIMITS, SYNC_STREAM_EVENTS, type SyncCheckpoint, syncPath } from '@vigevano/protocol';
import { createParser } from 'eventsource-parser';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { Subject } from 'rxjs';
import { LinkStopped, type ServerLink } from './server-link';

type Item = RxReplicationPullStreamItem<Record<string, unknown>, SyncCheckpoint>;

/** No byte for this long (the server pings every SYNC_LIMITS.streamPingSeconds) means a dead link. */
const IDLE_MS = SYNC_LIMITS.streamPingSeconds * 3 * 1000;

/**
 * A collection's live stream (Server-Sent Events over fetch, since the kiosk must send its bearer token), as RxDB's
 * `pull.stream$`: every `changes` notification and every (re)connection becomes `RESYNC`, a pull after the
 * kiosk's checkpoint, so the checkpoint only moves through pulls (which never skip a change) and whatever the
 * kiosk missed while the stream was down comes with the next pull.
 * It reconnects forever with the link's backoff; a successful connection wakes every waiting retry of the kiosk.
 */
export function liveStream(link: ServerLink, collection: string): { items$: Subject<Item>; stop(): void } {
  const items$ = new Subject<Item>();
  let current: AbortController | undefined;
  let stopped = false;

  const connectOnce = async (): Promise<boolean> => {
    const controller = new AbortController();
    current = controller;
    let idle: NodeJS.Timeout | undefined;
    const bump = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), IDLE_MS);
    };
    let connected = false;
    try {
      bump();
      const res = await fetch(link.url(syncPath(collection, 'stream')), {
        headers: link.headers(false),
        signal: AbortSignal.any([controller.signal, link.signal]),
      });
      if (!res.ok || !res.body) {
        link.markOffline(`flusso in tempo reale rifiutato (${res.status})`);
        return false;
      }
      const parser = createParser({
        onEvent: (event) => {
          if (event.event === SYNC_STREAM_EVENTS.ready) {
            connected = true;
            link.markOnline();
            items$.next('RESYNC');
          } else if (event.event === SYNC_STREAM_EVENTS.changes) {
            items$.next('RESYNC');
          }
        },
      });
      const decoder = new TextDecoder();
      for await (const chunk of res.body) {
        bump();
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch {
      // closed, timed out or unreachable: the loop below waits and reconnects
    } finally {
      clearTimeout(idle);
    }
    if (!stopped) link.markOffline(`collegamento in tempo reale interrotto (${collection}), riprovo`);
    return connected;
  };

  void (async () => {
    let attempt = 0;
    while (!stopped) {
      const wasConnected = await connectOnce();
      attempt = wasConnected ? 1 : attempt + 1;
      try {
        await link.pause(attempt);
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
      current?.abort();
      items$.complete();
    },
  };
}
