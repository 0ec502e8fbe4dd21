import fastifyCookie from '@fastify/cookie';
import type { SigningKeyPair } from '@vigevano/protocol';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { authPlugin } from '../auth/routes';
import { cityPlugin } from '../city/routes';
import type { ServerConfig } from '../config';
import { dashboardApiPlugin } from '../dashboard/plugin';
import { demoCardsPlugin } from '../demo/cards-route';
import { devicesPlugin } from '../devices/routes';
import type { Store } from '../store/database';
import { syncPlugin } from '../sync/plugin';
import { updatesPlugin } from '../updates/routes';
import { dashboardPlugin } from './dashboard';
import { installErrorHandlers } from './errors';
import { healthPlugin } from './health';
import { installNulGuard } from './nul-guard';
import { installSecurityHeaders } from './security-headers';

export interface AppDeps {
  config: ServerConfig;
  store: Store;
  serverKey: SigningKeyPair;
  logger?: FastifyServerOptions['logger'];
}

/** The HTTP application: each route group a plugin with its own schemas, all errors in one shape. */
export async function buildApp({ config, store, serverKey, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Requests from kiosks on bad networks may stall: never hold a socket forever.
    requestTimeout: 30_000,
  });
  installErrorHandlers(app);
  installSecurityHeaders(app);
  installNulGuard(app);
  await app.register(fastifyCookie);
  await app.register(healthPlugin, { store });
  await app.register(authPlugin, { store, secureCookies: config.trustProxy });
  await app.register(devicesPlugin, { store, serverKey, releasePublicKey: config.releasePublicKey });
  await app.register(cityPlugin, { store });
  await app.register(syncPlugin, { store });
  await app.register(dashboardApiPlugin, { store, serverKey, publicUrl: config.publicUrl });
  await app.register(updatesPlugin, {
    store,
    dataDir: config.dataDir,
    maxReleaseBytes: config.maxReleaseBytes,
    releasePublicKey: config.releasePublicKey,
  });
  if (config.demoCity) await app.register(demoCardsPlugin, { store, serverKey });
  await app.register(dashboardPlugin, { dashboardDir: config.dashboardDir });
  return app;
}
