import {
  type Hub,
  mayActOnHub,
  type SessionUser,
  type VisitorDetail,
  type VisitorSummary,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ApiFailure } from '../../http/api-failure';
import { listDocuments } from '../../store/documents';
import type { Database } from '../../store/schema';
import { getPerson } from './store';

const SEARCH_LIMIT = 50;

/** The hub a visitor belongs to: where their personal data were recorded, else where their first card was issued. */
async function homeHubs(db: Kysely<Database>, visitorIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (visitorIds.length === 0) return out;
  const cards = await db
    .selectFrom('report_cards')
    .select(['visitor_id', 'hub_id', 'issued_at'])
    .where('visitor_id', 'in', visitorIds)
    .orderBy('issued_at', 'desc')
    .execute();
  for (const c of cards) out.set(c.visitor_id, c.hub_id);
  const people = await db
    .selectFrom('people')
    .select(['visitor_id', 'hub_id'])
    .where('visitor_id', 'in', visitorIds)
    .execute();
  for (const p of people) out.set(p.visitor_id, p.hub_id);
  return out;
}

/** Refuses a visitor a hub lead may not see: people belong to the hub that registered them. */
export async function checkVisitorAccess(
  db: Kysely<Database>,
  user: SessionUser,
  visitorId: string,
): Promise<string> {
  const hub = (await homeHubs(db, [visitorId])).get(visitorId);
  if (!hub) throw new ApiFailure('not_found', `visitatore ${visitorId} non trovato`);
  if (!mayActOnHub(user, hub))
    throw new ApiFailure('forbidden', 'questa persona è registrata in un altro hub');
  return hub;
}

/** Finds visitors by alias, card id, name or email; a hub lead finds only their hub's people. */
export async function searchVisitors(
  db: Kysely<Database>,
  user: SessionUser,
  q: string,
): Promise<VisitorSummary[]> {
  const text = q
    .trim()
    .toLowerCase()
    .replace(/[%_\\]/g, '');
  const leadHubs = user.role === 'hub_lead' ? user.hubIds : null;
  let byCard = db.selectFrom('report_cards').select('visitor_id').distinct();
  let byPerson = db.selectFrom('people').select('visitor_id');
  if (text) {
    byCard = byCard.where((eb) =>
      eb.or([eb('alias_key', 'like', `%${text}%`), eb('card_id', '=', text.toUpperCase())]),
    );
    byPerson = byPerson.where('search_key', 'like', `%${text}%`);
  }
  if (leadHubs) {
    byCard = byCard.where('hub_id', 'in', leadHubs.length > 0 ? leadHubs : ['']);
    byPerson = byPerson.where('hub_id', 'in', leadHubs.length > 0 ? leadHubs : ['']);
  }
  const [cardHits, personHits] = await Promise.all([
    byCard.orderBy('visitor_id', 'desc').limit(SEARCH_LIMIT).execute(),
    byPerson.orderBy('visitor_id', 'desc').limit(SEARCH_LIMIT).execute(),
  ]);
  const ids = [...new Set([...personHits, ...cardHits].map((r) => r.visitor_id))].slice(0, SEARCH_LIMIT);
  if (ids.length === 0) return [];
  const [cards, people, visits, home, hubs] = await Promise.all([
    db
      .selectFrom('report_cards')
      .selectAll()
      .where('visitor_id', 'in', ids)
      .orderBy('issued_at', 'desc')
      .execute(),
    db
      .selectFrom('people')
      .select(['visitor_id', 'first_name', 'last_name'])
      .where('visitor_id', 'in', ids)
      .execute(),
    db
      .selectFrom('report_visitors')
      .select(['visitor_id', 'last_day'])
      .where('visitor_id', 'in', ids)
      .execute(),
    homeHubs(db, ids),
    listDocuments<Hub>(db, 'hubs'),
  ]);
  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  return ids
    .filter((id) => !leadHubs || leadHubs.includes(home.get(id) ?? ''))
    .map((visitorId) => {
      const mine = cards.filter((c) => c.visitor_id === visitorId);
      const person = people.find((p) => p.visitor_id === visitorId);
      const hubId = home.get(visitorId) ?? '';
      return {
        visitorId,
        displayName: person ? `${person.first_name} ${person.last_name}` : (mine[0]?.alias ?? visitorId),
        aliases: [...new Set(mine.map((c) => c.alias))],
        hubId,
        hubName: hubName.get(hubId) ?? hubId,
        hasPersonalData: Boolean(person),
        activeCards: mine.filter((c) => !c.revoked).length,
        lastVisit: visits.find((v) => v.visitor_id === visitorId)?.last_day ?? null,
      };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'it'));
}

export async function visitorDetail(
  db: Kysely<Database>,
  visitorId: string,
  hubId: string,
): Promise<VisitorDetail> {
  const [person, cards, summary, perHub, hubs] = await Promise.all([
    getPerson(db, visitorId),
    db
      .selectFrom('report_cards')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .orderBy('issued_at', 'desc')
      .execute(),
    db.selectFrom('report_visitors').selectAll().where('visitor_id', '=', visitorId).executeTakeFirst(),
    db
      .selectFrom('report_visitor_days')
      .select(['hub_id', 'day'])
      .distinct()
      .where('visitor_id', '=', visitorId)
      .execute(),
    listDocuments<Hub>(db, 'hubs'),
  ]);
  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  const daysByHub = new Map<string, number>();
  for (const r of perHub) daysByHub.set(r.hub_id, (daysByHub.get(r.hub_id) ?? 0) + 1);
  return {
    visitorId,
    hubId,
    person,
    cards: cards.map((c) => ({
      id: c.card_id,
      hubId: c.hub_id,
      hubName: hubName.get(c.hub_id) ?? c.hub_id,
      alias: c.alias,
      language: c.language,
      issuer: c.issuer,
      issuedAt: Number(c.issued_at),
      revoked: c.revoked === 1,
      revokedReason: c.revoked_reason,
    })),
    visits: {
      firstDay: summary?.first_day ?? null,
      lastDay: summary?.last_day ?? null,
      days: summary?.days ?? 0,
      checkins: summary?.checkins ?? 0,
      hubs: [...daysByHub]
        .map(([id, days]) => ({ hubId: id, hubName: hubName.get(id) ?? id, days }))
        .sort((a, b) => b.days - a.days),
    },
  };
}
