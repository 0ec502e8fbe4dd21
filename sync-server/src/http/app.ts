import fastifyCookie from '@fastify/cookie';
import { loggerOptions } from '@vigevano/logging';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { alertsPlugin } from '../alerts/routes';
import { auditPlugin } from '../audit/audit-routes';
import { apiTokensPlugin } from '../auth/api-token-routes';
import { authPlugin } from '../auth/routes';
import { staffPlugin } from '../auth/staff-routes';
import { totpPlugin } from '../auth/totp-routes';
import { cityPlugin } from '../city/routes';
import type { ServerConfig } from '../config';
import { dashboardApiPlugin } from '../dashboard/plugin';
import { demoCardsPlugin } from '../demo/cards-route';
import { devicesPlugin } from '../devices/routes';
import type { CardKeyProvider } from '../keys/card-key-provider';
import { installObservability } from '../observability/install';
import { metricsPlugin } from '../observability/metrics-route';
import type { Store } from '../store/database';
import { syncPlugin } from '../sync/plugin';
import { updatesPlugin } from '../updates/routes';
import { createServerActivity } from './activity';
import { installAuthFirst } from './auth-first';
import { dashboardPlugin } from './dashboard';
import { installErrorHandlers } from './errors';
import { healthPlugin } from './health';
import { installNulGuard } from './nul-guard';
import { installOpenApi, openApiPlugin } from './openapi';
import { installSecurityHeaders } from './security-headers';

export interface AppDeps {
  config: ServerConfig;
  store: Store;
  /** the card-signing key and the public keys still valid (keys/server-key.ts) */
  cardKeys: CardKeyProvider;
  logger?: FastifyServerOptions['logger'];
}

/** The HTTP application: each route group a plugin with its own schemas, all errors in one shape. */
export async function buildApp({ config, store, cardKeys, logger }: AppDeps): Promise<FastifyInstance> {
  const serverKey = cardKeys.signingKey();
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    // Only the named proxies' X-Forwarded-For is believed (request.ip); a client's own header is ignored.
    trustProxy: config.trustProxy === false ? false : [...config.trustProxy],
    bodyLimit: 1024 * 1024,
    // Requests from kiosks on bad networks may stall: never hold a socket forever.
    requestTimeout: 30_000,
  });
  // This instance's counters and open streams: on the instance, so two servers in one process count their own.
  const activity = createServerActivity(config.streams);
  app.decorate('activity', activity);
  installErrorHandlers(app);
  installSecurityHeaders(app);
  installNulGuard(app);
  installAuthFirst(app);
  // metrics, the report feed (/ready and alerts read its lag), the alert monitor: this app's own, closed with it
  const { metrics, feed, monitor, ready } = installObservability(app, config, store);
  await app.register(fastifyCookie);
  await installOpenApi(app);
  await app.register(healthPlugin, { ready });
  await app.register(metricsPlugin, { metrics, config: config.metrics });
  await app.register(authPlugin, { store, secureCookies: config.trustProxy !== false });
  await app.register(apiTokensPlugin, { store });
  await app.register(auditPlugin, { store });
  await app.register(staffPlugin, { store, publicUrl: config.publicUrl });
  await app.register(totpPlugin, { store });
  await app.register(devicesPlugin, { store, cardKeys, releasePublicKey: config.releasePublicKey });
  await app.register(cityPlugin, { store });
  await app.register(syncPlugin, { store, activity, metrics });
  await app.register(dashboardApiPlugin, { store, serverKey, publicUrl: config.publicUrl, activity, feed });
  await app.register(alertsPlugin, { store, monitor });
  await app.register(updatesPlugin, {
    store,
    dataDir: config.dataDir,
    maxReleaseBytes: config.maxReleaseBytes,
    releasePublicKey: config.releasePublicKey,
  });
  await app.register(openApiPlugin, { store });
  if (config.demoCity) await app.register(demoCardsPlugin, { store, serverKey });
  await app.register(dashboardPlugin, { dashboardDir: config.dashboardDir });
  return app;
}
