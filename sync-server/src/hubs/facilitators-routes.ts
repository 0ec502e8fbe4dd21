import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { facilitatorRoutes, type Hub } from '@vigevano/protocol';
import { currentUser, requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import { listDocuments } from '../store/documents';
import {
  createFacilitator,
  grantFacilitatorCard,
  listFacilitators,
  setFacilitatorPin,
  updateFacilitator,
} from './facilitator-store';
import { manages } from './managed-hubs';

/** Facilitators and their kiosk PINs: the admin, coordinators, and a hub lead for their own hub (ACCESS). */
export const facilitatorsPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const guard = { preHandler: requireUser(store) };
  const routes = facilitatorRoutes;
  app.get(routes.list.path, { ...guard, schema: routes.list.schema }, async (request) => {
    const user = currentUser(request);
    const hubs = (await listDocuments<Hub>(store.db, 'hubs'))
      .filter((h) => !h.archived && manages(user, [h.id]))
      .map((h) => ({ id: h.id, name: h.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it'));
    return { facilitators: await listFacilitators(store.db, user), hubs };
  });
  app.post(routes.create.path, { ...guard, schema: routes.create.schema }, async (request) => ({
    facilitator: await createFacilitator(store.db, request.body, currentUser(request)),
  }));
  app.put(routes.update.path, { ...guard, schema: routes.update.schema }, async (request) => ({
    facilitator: await updateFacilitator(
      store.db,
      request.params.facilitatorId,
      request.body,
      currentUser(request),
    ),
  }));
  app.post(routes.setPin.path, { ...guard, schema: routes.setPin.schema }, async (request) => ({
    facilitator: await setFacilitatorPin(
      store.db,
      request.params.facilitatorId,
      request.body.pin,
      currentUser(request),
    ),
  }));
  app.post(routes.grantCard.path, { ...guard, schema: routes.grantCard.schema }, async (request) => ({
    facilitator: await grantFacilitatorCard(
      store.db,
      request.params.facilitatorId,
      request.body.cardId,
      currentUser(request),
    ),
  }));
};
