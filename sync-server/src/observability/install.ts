import type { Readiness } from '@vigevano/protocol';
import type { FastifyInstance } from 'fastify';
import { evaluateAlerts } from '../alerts/evaluate';
import { AlertMonitor } from '../alerts/monitor';
import { WebhookSender } from '../alerts/webhook';
import type { ServerConfig } from '../config';
import { deviceList } from '../dashboard/devices-routes';
import { ReportFeed } from '../reports/feed';
import type { Store } from '../store/database';
import { hubLastContact } from './hub-contact';
import { ServerMetrics } from './metrics';
import { installHttpMetrics } from './metrics-route';
import { readiness } from './readiness';
import { reportLag } from './report-lag';

/** What one app instance watches itself with; see installObservability. */
export interface Observability {
  metrics: ServerMetrics;
  /** the store's report feed (the dashboard API follows it; its lag is measured here) */
  feed: ReportFeed;
  monitor: AlertMonitor;
  /** the /ready answer */
  ready: () => Promise<Readiness>;
}

/**
 * Makes this app's metrics (with HTTP timing hooks), report feed, alert monitor (its timer runs only when a webhook
 * is configured: without one, alerts are evaluated when the dashboard asks) and readiness check. Everything here
 * belongs to the app, none to the module, and stops when the app closes.
 */
export function installObservability(
  app: FastifyInstance,
  config: ServerConfig,
  store: Store,
): Observability {
  const metrics = new ServerMetrics();
  installHttpMetrics(app, metrics);
  const feed = new ReportFeed(store, {
    onError: (error) => app.log.error({ err: error }, 'report catch-up failed'),
    // the app's activity is decorated before this is called (http/app.ts)
    pushesInFlight: () => app.activity.pushes.inFlight(),
  });
  metrics.source('reportLag', () => reportLag(store.db, feed));
  metrics.source('hubLastContact', () => hubLastContact(store.db));

  const { alerts } = config;
  const webhook = alerts.webhookUrl
    ? new WebhookSender(alerts.webhookUrl, { log: app.log.child({ component: 'alert-webhook' }) })
    : undefined;
  const monitor = new AlertMonitor(
    store,
    async (openSince) =>
      evaluateAlerts({
        now: Date.now(),
        devices: (await deviceList(store.db)).devices,
        reportLag: await reportLag(store.db, feed),
        thresholds: alerts,
        openSince,
      }),
    webhook,
    (error) => app.log.error({ err: error }, 'alert evaluation failed'),
  );
  if (webhook) app.addHook('onReady', async () => monitor.start(alerts.checkEveryMs));
  app.addHook('preClose', async () => {
    await monitor.stop();
  });
  return {
    metrics,
    feed,
    monitor,
    ready: () => readiness(store, feed, config.dataDir, config.readiness),
  };
}
