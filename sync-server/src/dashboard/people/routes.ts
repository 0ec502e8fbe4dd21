import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { mayActOnHub, peopleRoutes, type SigningKeyPair } from '@vigevano/protocol';
import { ulid } from 'ulid';
import { currentUser, requireUser } from '../../auth/guard';
import { ApiFailure } from '../../http/api-failure';
import type { Store } from '../../store/database';
import { issueCard, revokeCards } from './cards';
import { eraseCardAliases } from './erasure';
import { exportVisitor } from './export';
import { deletePersonData, logPeople, savePerson } from './store';
import { checkVisitorAccess, searchVisitors, visitorDetail } from './visitors';

/**
 * People: personal data live here only (never synced to kiosks), for the admin and the hub leads, each lead for
 * the people of their own hub. Every change of personal data is logged (who, what, when; not the data).
 */
export const peoplePlugin: FastifyPluginAsyncTypebox<{ store: Store; serverKey: SigningKeyPair }> = async (
  app,
  { store, serverKey },
) => {
  const guard = { preHandler: requireUser(store) };
  const db = store.db;

  app.get(peopleRoutes.search.path, { ...guard, schema: peopleRoutes.search.schema }, async (request) => ({
    results: await searchVisitors(db, currentUser(request), request.query.q),
  }));

  app.post(peopleRoutes.create.path, { ...guard, schema: peopleRoutes.create.schema }, async (request) => {
    const user = currentUser(request);
    const { hubId, card, person } = request.body;
    if (!mayActOnHub(user, hubId))
      throw new ApiFailure('forbidden', 'puoi registrare persone solo nei tuoi hub');
    const hub = await db
      .selectFrom('documents')
      .select('id')
      .where('collection', '=', 'hubs')
      .where('id', '=', hubId)
      .executeTakeFirst();
    if (!hub) throw new ApiFailure('not_found', `l'hub ${hubId} non esiste`);
    const visitorId = ulid();
    const issued = await issueCard(db, visitorId, hubId, card, serverKey);
    if (person) await savePerson(db, visitorId, hubId, person, user.id);
    await logPeople(db, visitorId, 'card_issued', user.id);
    return { visitorId, ...issued };
  });

  app.get(peopleRoutes.get.path, { ...guard, schema: peopleRoutes.get.schema }, async (request) => {
    const hub = await checkVisitorAccess(db, currentUser(request), request.params.visitorId);
    return visitorDetail(db, request.params.visitorId, hub);
  });

  app.put(peopleRoutes.put.path, { ...guard, schema: peopleRoutes.put.schema }, async (request) => {
    const user = currentUser(request);
    const hub = await checkVisitorAccess(db, user, request.params.visitorId);
    await savePerson(db, request.params.visitorId, hub, request.body, user.id);
    return visitorDetail(db, request.params.visitorId, hub);
  });

  app.post(
    peopleRoutes.issueCard.path,
    { ...guard, schema: peopleRoutes.issueCard.schema },
    async (request) => {
      const user = currentUser(request);
      const hub = await checkVisitorAccess(db, user, request.params.visitorId);
      // the visitor's home hub: for a hub lead one of their own (checkVisitorAccess refused any other)
      const issued = await issueCard(db, request.params.visitorId, hub, request.body, serverKey);
      await logPeople(db, request.params.visitorId, 'card_issued', user.id);
      return issued;
    },
  );

  app.post(
    peopleRoutes.revokeCard.path,
    { ...guard, schema: peopleRoutes.revokeCard.schema },
    async (request) => {
      const user = currentUser(request);
      await checkVisitorAccess(db, user, request.params.visitorId);
      const card = await db
        .selectFrom('report_cards')
        .select('visitor_id')
        .where('card_id', '=', request.params.cardId)
        .executeTakeFirst();
      if (!card || card.visitor_id !== request.params.visitorId)
        throw new ApiFailure('not_found', 'questa tessera non appartiene a questa persona');
      const result = await revokeCards(db, [request.params.cardId], request.body.reason);
      await logPeople(db, request.params.visitorId, 'card_revoked', user.id);
      return { revoked: result.count };
    },
  );

  app.get(
    peopleRoutes.export.path,
    { ...guard, schema: peopleRoutes.export.schema },
    async (request, reply) => {
      const user = currentUser(request);
      await checkVisitorAccess(db, user, request.params.visitorId);
      const data = await exportVisitor(db, request.params.visitorId);
      await logPeople(db, request.params.visitorId, 'exported', user.id);
      return reply
        .header('content-disposition', `attachment; filename="dati-${request.params.visitorId}.json"`)
        .send(data);
    },
  );

  app.delete(peopleRoutes.erase.path, { ...guard, schema: peopleRoutes.erase.schema }, async (request) => {
    const user = currentUser(request);
    const visitorId = request.params.visitorId;
    await checkVisitorAccess(db, user, visitorId);
    const now = Date.now();
    await db.transaction().execute(async (tx) => {
      await deletePersonData(tx, visitorId, user.id, now);
      // Kiosks and reports must stop naming the person too: their cards, revoked, lose the alias. The writes
      // wake the kiosks' streams once this transaction commits (store/change-events.ts).
      await eraseCardAliases(tx, visitorId, now);
    });
    request.log.warn({ visitorId, by: user.id }, 'personal data erased, cards revoked, aliases removed');
    return { erased: true as const };
  });
};
