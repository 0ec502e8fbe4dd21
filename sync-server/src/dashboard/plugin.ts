import type { SigningKeyPair } from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { ensureReportsProjected } from '../reports/backfill';
import '../reports/projectors';
import type { Store } from '../store/database';
import { cityNowPlugin } from './city-now-routes';
import { contentPlugin } from './content-routes';
import { devicesAdminPlugin } from './devices-routes';
import { peoplePlugin } from './people/routes';
import { reportsPlugin } from './reports-routes';
import { closeDashboardStreams } from './sse';

/**
 * The dashboard's API (issue 8): one plugin per page, all behind the session cookie with the role checked on the
 * server for every route. Registers the report projectors (by importing them) and projects, once, documents that
 * were written before the report tables existed.
 */
export const dashboardApiPlugin: FastifyPluginAsync<{
  store: Store;
  serverKey: SigningKeyPair;
  publicUrl: string;
}> = async (app, { store, serverKey, publicUrl }) => {
  const projected = await ensureReportsProjected(store.db);
  if (projected > 0) app.log.info({ documents: projected }, 'report tables filled from existing documents');
  app.addHook('preClose', async () => closeDashboardStreams());
  await app.register(cityNowPlugin, { store });
  await app.register(reportsPlugin, { store });
  await app.register(contentPlugin, { store });
  await app.register(devicesAdminPlugin, { store, publicUrl });
  await app.register(peoplePlugin, { store, serverKey });
};
