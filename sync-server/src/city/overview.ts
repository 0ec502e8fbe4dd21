import {
  addLocalDays,
  CITY_TIME_ZONE,
  type CityOverview,
  type Hub,
  type HubOverview,
  mayActOnHub,
  type SessionUser,
  startOfLocalDay,
  startOfLocalWeek,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { listDocuments } from '../store/documents';
import type { Database } from '../store/schema';

async function countByHub(
  db: Kysely<Database>,
  collection: string,
  range?: { from: number; to: number },
): Promise<Map<string | null, number>> {
  let query = db
    .selectFrom('documents')
    .select(['hub_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('collection', '=', collection)
    .where('deleted', '=', 0);
  if (range) query = query.where('at', '>=', range.from).where('at', '<', range.to);
  const rows = await query.groupBy('hub_id').execute();
  return new Map(rows.map((r) => [r.hub_id, Number(r.n)]));
}

/** The city at a glance: for each hub its kiosks, this week's sessions, cards issued and today's check-ins. */
export async function cityOverview(
  db: Kysely<Database>,
  user: SessionUser,
  now = Date.now(),
): Promise<CityOverview> {
  const today = startOfLocalDay(CITY_TIME_ZONE, now);
  const week = startOfLocalWeek(CITY_TIME_ZONE, now);
  const [hubs, sessions, cards, checkins, devices] = await Promise.all([
    listDocuments<Hub>(db, 'hubs'),
    countByHub(db, 'sessions', { from: week, to: addLocalDays(CITY_TIME_ZONE, week, 7) }),
    countByHub(db, 'cards'),
    countByHub(db, 'checkins', { from: today, to: addLocalDays(CITY_TIME_ZONE, today, 1) }),
    db
      .selectFrom('device_credentials')
      .innerJoin('documents', (join) =>
        join
          .onRef('documents.id', '=', 'device_credentials.device_id')
          .on('documents.collection', '=', 'devices'),
      )
      .select(['documents.hub_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('device_credentials.revoked', '=', 0)
      .groupBy('documents.hub_id')
      .execute(),
  ]);
  const deviceCounts = new Map(devices.map((d) => [d.hub_id, Number(d.n)]));
  // A hub lead sees their own hub only; every other role sees the city.
  const visible = hubs.filter((h) => mayActOnHub(user, h.id));
  const overview: HubOverview[] = visible
    .map((hub) => ({
      id: hub.id,
      name: hub.name,
      area: hub.area,
      targetGroups: [...hub.targetGroups],
      devices: deviceCounts.get(hub.id) ?? 0,
      sessionsThisWeek: sessions.get(hub.id) ?? 0,
      cards: cards.get(hub.id) ?? 0,
      checkinsToday: checkins.get(hub.id) ?? 0,
      ...(hub.archived ? { archived: true } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
  return { hubs: overview, generatedAt: now };
}
