import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../store/database';
import { operationsPlugin } from './operations-routes';
import { participantsPlugin } from './participants-routes';
import { planningPlugin } from './planning-routes';

/** Programmes (issue 18 items 1–3): funded operations, planning from the dashboard, participants. */
export const programmesPlugin: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  await app.register(operationsPlugin, { store });
  await app.register(planningPlugin, { store });
  await app.register(participantsPlugin, { store });
};
