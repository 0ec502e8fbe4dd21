import type { FastifyReply } from 'fastify';
import { DEFAULT_STREAM_HEARTBEAT_SECONDS } from '../config';
import { type EventStream, openEventStream as openSharedEventStream } from '../http/event-stream';

/** Open event streams, ended when the server closes (an open response would hold shutdown up). */
const open = new Set<EventStream>();

export function closeDashboardStreams(): void {
  for (const stream of [...open]) stream.close();
}

/**
 * A dashboard Server-Sent Events response (http/event-stream.ts, shared with the kiosks' sync streams):
 * `send(event, data)`, heartbeats so proxies keep it open, and `onClose` when the browser goes away or the
 * server shuts down.
 */
export function openEventStream(
  reply: FastifyReply,
  onClose: () => void,
): { send: (event: string, data: unknown) => void } {
  const stream: EventStream = openSharedEventStream(reply, {
    heartbeatMs: DEFAULT_STREAM_HEARTBEAT_SECONDS * 1000,
    onClose: () => {
      open.delete(stream);
      onClose();
    },
  });
  open.add(stream);
  return { send: stream.send };
}
