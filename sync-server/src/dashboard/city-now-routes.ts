import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cityNowRoutes, mayActOnHub } from '@vigevano/protocol';
import { currentUser, requireUser } from '../auth/guard';
import { DEFAULT_STREAM_HEARTBEAT_SECONDS } from '../config';
import type { EventStreams } from '../http/event-stream';
import type { ReportFeed } from '../reports/feed';
import { cityNow } from '../reports/queries/city-now';
import type { DocumentsChanged } from '../store/change-events';
import type { Store } from '../store/database';

/** What makes "city now" change: check-ins (presence, today's count) and kiosks (enrolled, revoked). */
const LIVE_COLLECTIONS = new Set(['checkins', 'devices', 'hubs']);
/** At most one recomputation per second per stream, however fast check-ins arrive. */
const THROTTLE_MS = 1_000;
/** Kiosks' sync times change without a document write: refresh anyway once a minute. */
const REFRESH_MS = 60_000;

export const cityNowPlugin: FastifyPluginAsyncTypebox<{
  store: Store;
  feed: ReportFeed;
  /** the instance's dashboard streams, ended when it shuts down */
  streams: EventStreams;
}> = async (app, { store, feed, streams }) => {
  app.get(
    cityNowRoutes.get.path,
    { schema: cityNowRoutes.get.schema, preHandler: requireUser(store) },
    async (request) => cityNow(store.db, currentUser(request)),
  );

  app.get(
    cityNowRoutes.stream.path,
    { schema: cityNowRoutes.stream.schema, preHandler: requireUser(store) },
    async (request, reply) => {
      const user = currentUser(request);
      let timer: NodeJS.Timeout | undefined;
      let pending = false;
      let last = 0;
      const listener = (change: DocumentsChanged) => {
        // null: any collection may have changed (another instance's announcements may have been lost)
        if (change.collection !== null && !LIVE_COLLECTIONS.has(change.collection)) return;
        if (!change.hubIds.some((h) => h === null || mayActOnHub(user, h))) return;
        schedule();
      };
      const stream = streams.open(reply, {
        heartbeatMs: DEFAULT_STREAM_HEARTBEAT_SECONDS * 1000,
        onClose: () => {
          store.changes.off('changed', listener);
          clearTimeout(timer);
          clearInterval(refresh);
        },
      });
      const push = async () => {
        pending = false;
        last = Date.now();
        try {
          await feed.upToDate();
          stream.send('city-now', await cityNow(store.db, user));
        } catch (error) {
          request.log.error({ err: error }, 'city-now stream update failed');
        }
      };
      const schedule = () => {
        if (pending) return;
        pending = true;
        timer = setTimeout(() => void push(), Math.max(0, last + THROTTLE_MS - Date.now()));
      };
      const refresh = setInterval(schedule, REFRESH_MS);
      store.changes.on('changed', listener);
      await push();
    },
  );
};
