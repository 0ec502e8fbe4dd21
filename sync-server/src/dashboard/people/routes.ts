import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { mayActOnHub, peopleRoutes, type SigningKeyPair } from '@vigevano/protocol';
import { ulid } from 'ulid';
import { recordAudit, userActor } from '../../audit/audit-log';
import { currentUser, requireUser } from '../../auth/guard';
import { ApiFailure, fieldFailure } from '../../http/api-failure';
import { hubTakingNew } from '../../hubs/active-hub';
import type { Store } from '../../store/database';
import { changedFields, recordedFields, recordPeopleAction } from './audit';
import { issueCard, revokeCards } from './cards';
import { eraseCardAliases } from './erasure';
import { exportVisitor } from './export';
import { deletePersonData, getPerson, logPeople, savePerson } from './store';
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
      throw fieldFailure('forbidden', '/hubId', 'other_hub', 'puoi registrare persone solo nei tuoi hub');
    await hubTakingNew(db, hubId, 'nuove persone');
    const visitorId = ulid();
    // The card, the person and the audit entry commit together (one `person.create` entry).
    return db.transaction().execute(async (tx) => {
      const issued = await issueCard(tx, visitorId, hubId, card, serverKey);
      if (person) await savePerson(tx, visitorId, hubId, person, user.id);
      await recordPeopleAction(tx, user, visitorId, 'card_issued', {
        action: 'person.create',
        target: { type: 'person', id: visitorId },
        hubId,
        after: {
          hubId,
          cardId: issued.card.id,
          personalData: person !== undefined,
          fields: person ? recordedFields(person) : [],
        },
      });
      return { visitorId, ...issued };
    });
  });

  app.get(peopleRoutes.get.path, { ...guard, schema: peopleRoutes.get.schema }, async (request) => {
    const hub = await checkVisitorAccess(db, currentUser(request), request.params.visitorId);
    return visitorDetail(db, request.params.visitorId, hub);
  });

  app.put(peopleRoutes.put.path, { ...guard, schema: peopleRoutes.put.schema }, async (request) => {
    const user = currentUser(request);
    const visitorId = request.params.visitorId;
    const hub = await checkVisitorAccess(db, user, visitorId);
    await db.transaction().execute(async (tx) => {
      const before = await getPerson(tx, visitorId);
      await savePerson(tx, visitorId, hub, request.body, user.id);
      // Field names only: see people/audit.ts.
      await recordAudit(tx, {
        actor: userActor(user),
        action: 'person.update',
        target: { type: 'person', id: visitorId },
        hubId: hub,
        before: { personalData: before !== null },
        after: { personalData: true, changedFields: changedFields(before, request.body) },
      });
    });
    return visitorDetail(db, visitorId, hub);
  });

  app.post(
    peopleRoutes.issueCard.path,
    { ...guard, schema: peopleRoutes.issueCard.schema },
    async (request) => {
      const user = currentUser(request);
      const hub = await checkVisitorAccess(db, user, request.params.visitorId);
      // the visitor's home hub: for a hub lead one of their own (checkVisitorAccess refused any other)
      const cardHub = hub;
      return db.transaction().execute(async (tx) => {
        const issued = await issueCard(tx, request.params.visitorId, cardHub, request.body, serverKey);
        // No alias: it is erased with the person (people/erasure.ts), and the log keeps what it is given.
        await recordPeopleAction(tx, user, request.params.visitorId, 'card_issued', {
          action: 'card.issue',
          target: { type: 'card', id: issued.card.id },
          hubId: cardHub,
          after: { visitorId: request.params.visitorId, hubId: cardHub, language: issued.card.language },
        });
        return issued;
      });
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
        .select(['visitor_id', 'hub_id'])
        .where('card_id', '=', request.params.cardId)
        .executeTakeFirst();
      if (!card || card.visitor_id !== request.params.visitorId)
        throw new ApiFailure('not_found', 'questa tessera non appartiene a questa persona');
      return db.transaction().execute(async (tx) => {
        const result = await revokeCards(tx, [request.params.cardId], request.body.reason);
        await logPeople(tx, request.params.visitorId, 'card_revoked', user.id);
        // A card already revoked stays as it was: nothing changed, nothing to record.
        if (result.count > 0)
          await recordAudit(tx, {
            actor: userActor(user),
            action: 'card.revoke',
            target: { type: 'card', id: request.params.cardId },
            hubId: card.hub_id,
            before: { visitorId: request.params.visitorId, revoked: false },
            after: { visitorId: request.params.visitorId, revoked: true, reason: request.body.reason },
          });
        return { revoked: result.count };
      });
    },
  );

  app.get(
    peopleRoutes.export.path,
    { ...guard, schema: peopleRoutes.export.schema },
    async (request, reply) => {
      const user = currentUser(request);
      const hub = await checkVisitorAccess(db, user, request.params.visitorId);
      const data = await exportVisitor(db, request.params.visitorId);
      await db.transaction().execute(async (tx) => {
        await recordPeopleAction(tx, user, request.params.visitorId, 'exported', {
          action: 'person.export',
          target: { type: 'person', id: request.params.visitorId },
          hubId: hub,
        });
      });
      return reply
        .header('content-disposition', `attachment; filename="dati-${request.params.visitorId}.json"`)
        .send(data);
    },
  );

  app.delete(peopleRoutes.erase.path, { ...guard, schema: peopleRoutes.erase.schema }, async (request) => {
    const user = currentUser(request);
    const visitorId = request.params.visitorId;
    const hub = await checkVisitorAccess(db, user, visitorId);
    const now = Date.now();
    await db.transaction().execute(async (tx) => {
      const hadPersonalData = (await getPerson(tx, visitorId)) !== null;
      await deletePersonData(tx, visitorId, user.id, now);
      // Kiosks and reports must stop naming the person too: their cards, revoked, lose the alias. The writes
      // wake the kiosks' streams once this transaction commits (store/change-events.ts).
      const erased = await eraseCardAliases(tx, visitorId, now);
      await recordAudit(
        tx,
        {
          actor: userActor(user),
          action: 'person.erase',
          target: { type: 'person', id: visitorId },
          hubId: hub,
          before: { personalData: hadPersonalData },
          after: { personalData: false, cardsErased: erased.cards },
        },
        now,
      );
    });
    request.log.warn({ visitorId, by: user.id }, 'personal data erased, cards revoked, aliases removed');
    return { erased: true as const };
  });
};
