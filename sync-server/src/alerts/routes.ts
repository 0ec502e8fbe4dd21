import { AlertList, alertRoutes } from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import type { AlertMonitor } from './monitor';

/** GET /api/alerts: the alerts open now (coordinators and admins, who look after the kiosks). */
export const alertsPlugin: FastifyPluginAsync<{ store: Store; monitor: AlertMonitor }> = async (
  app,
  { store, monitor },
) => {
  app.get(
    alertRoutes.list.path,
    {
      preHandler: requireUser(store),
      schema: { response: { 200: AlertList } },
    },
    async (): Promise<AlertList> => ({ alerts: await monitor.current(), evaluatedAt: Date.now() }),
  );
};
