import type { SigningKeyPair } from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';
import type { ServerActivity } from '../http/activity';
import { facilitatorsPlugin } from '../hubs/facilitators-routes';
import { hubsPlugin } from '../hubs/hubs-routes';
import { mediaPlugin } from '../media/media-routes';
import { programmesPlugin } from '../programmes/plugin';
import type { ReportFeed } from '../reports/feed';
import type { Store } from '../store/database';
import { cityNowPlugin } from './city-now-routes';
import { contentPlugin } from './content-routes';
import { correctionsPlugin } from './corrections-routes';
import { devicesAdminPlugin } from './devices-routes';
import { esfOperationsPlugin } from './esf-operations-routes';
import { noticesPlugin } from './notices-routes';
import { peopleImportPlugin } from './people/import/import-routes';
import { peoplePlugin } from './people/routes';
import { playsPlugin } from './plays-routes';
import { reportsPlugin } from './reports-routes';

/**
 * How long a request waits for the reports to catch up. They are usually current (the feed follows pushes in the
 * background); after a burst (a city's kiosks back online at once) a catch-up can take longer than a coordinator
 * should wait, and then the answer holds what the reports hold so far.
 */
const CATCH_UP_WAIT_MS = 5_000;

/**
 * The dashboard's API (issue 8): one plugin per page, all behind the session cookie with the role checked on the
 * server for every route. It drives the store's report feed (reports/feed.ts; made by the app, whose readiness and
 * metrics read its lag): caught up at start (a database with
 * documents not yet in the reports), in the background after pushes, and before every request, so each answer
 * includes every change committed before it was asked (unless catching up takes longer than CATCH_UP_WAIT_MS).
 */
export const dashboardApiPlugin: FastifyPluginAsync<{
  store: Store;
  serverKey: SigningKeyPair;
  publicUrl: string;
  /** this instance's dashboard streams (ended at shutdown) */
  activity: ServerActivity;
  /** the store's report feed, made by the app (observability/install.ts: /ready and metrics read its lag) */
  feed: ReportFeed;
}> = async (app, { store, serverKey, publicUrl, activity, feed }) => {
  const started = performance.now();
  const projected = await feed.upToDate();
  if (projected > 0)
    app.log.info(
      { documents: projected, ms: Math.round(performance.now() - started) },
      'report tables caught up with the documents',
    );
  const stopFollowing = feed.follow();
  app.addHook('preHandler', async (request) => {
    let timer: NodeJS.Timeout | undefined;
    const caughtUp = await Promise.race([
      feed.upToDate().then(
        () => true,
        (error: unknown) => {
          request.log.error({ err: error }, 'report catch-up failed: answering with what the reports hold');
          return true;
        },
      ),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), CATCH_UP_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!caughtUp) request.log.warn('reports still catching up after a burst: answering with what they hold');
  });
  app.addHook('preClose', async () => {
    stopFollowing();
    activity.dashboardStreams.closeAll();
    await feed.settled();
  });
  await app.register(cityNowPlugin, { store, feed, streams: activity.dashboardStreams });
  await app.register(reportsPlugin, { store });
  await app.register(correctionsPlugin, { store });
  await app.register(esfOperationsPlugin, { store });
  await app.register(contentPlugin, { store });
  await app.register(playsPlugin, { store });
  await app.register(mediaPlugin, { store });
  await app.register(devicesAdminPlugin, { store, publicUrl });
  await app.register(noticesPlugin, { store });
  await app.register(peoplePlugin, { store, serverKey });
  await app.register(peopleImportPlugin, { store });
  await app.register(hubsPlugin, { store });
  await app.register(facilitatorsPlugin, { store });
  await app.register(programmesPlugin, { store });
};
