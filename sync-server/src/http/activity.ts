import type { StreamConfig } from '../config';
import { PushActivity } from '../sync/push-activity';
import { RefusedWrites } from '../sync/refused-writes';
import { SyncStreams } from '../sync/stream';
import { EventStreams } from './event-stream';

/**
 * What one server instance is doing: its pushes, the writes it refused, its open streams. It lives on the
 * instance (`app.activity`, made by buildApp), never in a module, so two servers in one process (tests) or two
 * processes behind a load balancer each count their own; the metrics endpoint reads it from there.
 */
export interface ServerActivity {
  pushes: PushActivity;
  refusedWrites: RefusedWrites;
  /** the kiosks' live sync streams (capped per device and in total) */
  syncStreams: SyncStreams;
  /** the dashboard's live views ("city now") */
  dashboardStreams: EventStreams;
}

export function createServerActivity(streams: StreamConfig): ServerActivity {
  return {
    pushes: new PushActivity(),
    refusedWrites: new RefusedWrites(),
    syncStreams: new SyncStreams(streams),
    dashboardStreams: new EventStreams(),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** this instance's counters and open streams (http/activity.ts) */
    activity: ServerActivity;
  }
}
