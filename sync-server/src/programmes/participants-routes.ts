import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CITY_TIME_ZONE, localDate, participantRoutes } from '@vigevano/protocol';
import { currentUser, requireUser } from '../auth/guard';
import type { Store } from '../store/database';
import {
  enrolParticipant,
  listParticipants,
  participantCandidates,
  recordOutcome,
} from './participant-store';
import { participantWorklist } from './worklist';

/** Participants of funded operations: the admin, coordinators, hub leads for their hubs (ACCESS 'partecipanti'). */
export const participantsPlugin: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const guard = { preHandler: requireUser(store) };
  const r = participantRoutes;
  app.get(r.list.path, { ...guard, schema: r.list.schema }, async (request) => ({
    participants: await listParticipants(store.db, request.query.operationId, currentUser(request)),
  }));
  app.get(r.candidates.path, { ...guard, schema: r.candidates.schema }, async (request) => ({
    people: await participantCandidates(store.db, request.query.q, currentUser(request)),
  }));
  app.post(r.enrol.path, { ...guard, schema: r.enrol.schema }, async (request) =>
    enrolParticipant(store.db, request.body, currentUser(request)),
  );
  app.put(r.outcome.path, { ...guard, schema: r.outcome.schema }, async (request) => ({
    participant: await recordOutcome(
      store.db,
      request.params.participantId,
      request.body,
      currentUser(request),
    ),
  }));
  app.get(r.worklist.path, { ...guard, schema: r.worklist.schema }, async (request) => ({
    items: await participantWorklist(
      store.db,
      currentUser(request),
      localDate(CITY_TIME_ZONE, Date.now()).date,
    ),
  }));
};
