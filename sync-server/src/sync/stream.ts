import { SYNC_LIMITS, SYNC_STREAM_EVENTS } from '@vigevano/protocol';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedDevice } from '../devices/enrolment';
import { changeEvents, type DocumentsChanged } from '../store/change-events';
import type { SyncCollection } from './collections';

/** Open streams, so the server can end them when it shuts down (an open response would hold it up). */
const openStreams = new Set<() => void>();

export function closeAllStreams(): void {
  for (const close of [...openStreams]) close();
}

/**
 * A device's live stream of one collection (Server-Sent Events): `ready` when it opens, then `changes` each time a
 * commit touching the device's scope is announced. It carries no documents on purpose: the client pulls after its
 * own checkpoint, so its checkpoint only ever moves through pulls, which are gap-free by change-order.ts. (Streaming
 * documents with checkpoints let RxDB move a kiosk's checkpoint past changes it had not pulled yet when the
 * stream and the pulls interleaved around reconnections; the city test caught it.) Notifications are coalesced:
 * at most one is in flight per stream while the client catches up.
 */
export async function openStream(
  collection: SyncCollection,
  device: AuthenticatedDevice,
  reply: FastifyReply,
): Promise<void> {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  const send = (event: string, data: unknown) =>
    raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send(SYNC_STREAM_EVENTS.ready, {});

  let closed = false;
  let pending: NodeJS.Timeout | undefined;
  const relevant = (change: DocumentsChanged) =>
    change.collection === collection.name &&
    (collection.scope !== 'hub' || change.hubIds.some((h) => h === null || h === device.hubId));
  const onChange = (change: DocumentsChanged) => {
    if (closed || pending || !relevant(change)) return;
    // A burst of commits (a kiosk pushing a month of check-ins) becomes one notification.
    pending = setTimeout(() => {
      pending = undefined;
      if (!closed) send(SYNC_STREAM_EVENTS.changes, { collection: collection.name });
    }, 20);
  };
  const ping = setInterval(() => raw.write(': ping\n\n'), SYNC_LIMITS.streamPingSeconds * 1000);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    clearTimeout(pending);
    changeEvents.off('changed', onChange);
    openStreams.delete(close);
    raw.end();
  };
  changeEvents.on('changed', onChange);
  openStreams.add(close);
  raw.on('close', close);
}
