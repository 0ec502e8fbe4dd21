import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type AlertList, alertRoutes } from '@vigevano/protocol';
import { requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import type { AlertMonitor } from './monitor';

/** GET /api/alerts: the alerts open now (coordinators and admins, who look after the kiosks). */
export const alertsPlugin: FastifyPluginAsyncTypebox<{ store: Store; monitor: AlertMonitor }> = async (
  app,
  { store, monitor },
) => {
  app.get(
    alertRoutes.list.path,
    { preHandler: requireUser(store), schema: alertRoutes.list.schema },
    async (): Promise<AlertList> => ({ alerts: await monitor.current(), evaluatedAt: Date.now() }),
  );
};
