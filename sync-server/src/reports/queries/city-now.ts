import {
  CITY_TIME_ZONE,
  type CityNow,
  DEVICE_STALE_AFTER_MS,
  type Device,
  localClock,
  PRESENCE_WINDOW_MS,
  type SessionUser,
  USUAL_WEEKS,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { listDocuments } from '../../store/documents';
import type { Database } from '../../store/schema';
import { addDays, localTime } from '../calendar';
import { visibleHubs } from '../scope';

/**
 * The city right now: who is present at each hub, today's check-ins against the usual for this weekday (the mean
 * of the same weekday over the previous USUAL_WEEKS weeks, in total and by this time of day), and kiosks that
 * have not synced for too long.
 */
export async function cityNow(db: Kysely<Database>, user: SessionUser, now = Date.now()): Promise<CityNow> {
  const hubs = await visibleHubs(db, user);
  const ids = hubs.map((h) => h.id);
  const t = localTime(now);
  const previous = Array.from({ length: USUAL_WEEKS }, (_, i) => addDays(t.day, -7 * (i + 1)));
  const minuteShare = localClock(CITY_TIME_ZONE, now).minute / 60;
  if (ids.length === 0)
    return {
      hubs: [],
      staleDevices: [],
      staleAfterMs: DEVICE_STALE_AFTER_MS,
      presenceWindowMs: PRESENCE_WINDOW_MS,
      generatedAt: now,
    };

  const [today, usualDay, usualHours, events, devices, status, firstDays] = await Promise.all([
    db
      .selectFrom('report_daily')
      .select((eb) => ['hub_id', eb.fn.sum<number>('checkins').as('n')])
      .where('day', '=', t.day)
      .where('hub_id', 'in', ids)
      .groupBy('hub_id')
      .execute(),
    db
      .selectFrom('report_daily')
      .select((eb) => ['hub_id', eb.fn.sum<number>('checkins').as('n')])
      .where('day', 'in', previous)
      .where('hub_id', 'in', ids)
      .groupBy('hub_id')
      .execute(),
    db
      .selectFrom('report_hourly')
      .select((eb) => ['hub_id', 'hour', eb.fn.sum<number>('checkins').as('n')])
      .where('day', 'in', previous)
      .where('hub_id', 'in', ids)
      .where('hour', '<=', t.hour)
      .groupBy(['hub_id', 'hour'])
      .execute(),
    db
      .selectFrom('report_checkins')
      .select(['id', 'hub_id', 'visitor_id', 'direction', 'at'])
      .where('day', '=', t.day)
      .where('hub_id', 'in', ids)
      .where('at', '<=', now)
      .orderBy('at')
      .execute(),
    listDocuments<Device>(db, 'devices'),
    db.selectFrom('device_status').select(['device_id', 'last_seen_at']).execute(),
    // A hub open for fewer weeks than USUAL_WEEKS: its usual is the mean of the weeks it has.
    db
      .selectFrom('report_daily')
      .select((eb) => ['hub_id', eb.fn.min('day').as('first')])
      .where('day', '>=', previous[previous.length - 1] as string)
      .where('hub_id', 'in', ids)
      .groupBy('hub_id')
      .execute(),
  ]);
  const weeks = new Map(
    firstDays.map((f) => [f.hub_id, previous.filter((d) => d >= String(f.first)).length]),
  );

  const sumBy = (rows: Array<{ hub_id: string; n: unknown }>) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.hub_id, (m.get(r.hub_id) ?? 0) + Number(r.n));
    return m;
  };
  const todayBy = sumBy(today);
  const usualBy = sumBy(usualDay);
  const byNow = sumBy(
    usualHours.map((r) => ({ hub_id: r.hub_id, n: Number(r.n) * (r.hour === t.hour ? minuteShare : 1) })),
  );

  const present = new Map<string, number>();
  for (const hub of hubs) {
    const mine = events.filter((e) => e.hub_id === hub.id);
    let n = 0;
    if (hub.usesCheckout) {
      // Inside: the last event of the day is an entry. Guests cannot check out: counted within the window.
      const last = new Map<string, string>();
      for (const e of mine) if (e.visitor_id) last.set(e.visitor_id, e.direction);
      n = [...last.values()].filter((d) => d === 'in').length;
      n += mine.filter(
        (e) => !e.visitor_id && e.direction === 'in' && Number(e.at) >= now - PRESENCE_WINDOW_MS,
      ).length;
    } else {
      const recent = mine.filter((e) => e.direction === 'in' && Number(e.at) >= now - PRESENCE_WINDOW_MS);
      n = new Set(recent.map((e) => e.visitor_id ?? `guest:${e.id}`)).size;
    }
    present.set(hub.id, n);
  }

  const seen = new Map(status.map((s) => [s.device_id, Number(s.last_seen_at)]));
  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  const staleDevices = devices
    .filter((d) => !d.revoked && hubName.has(d.hubId))
    .map((d) => ({
      id: d.id,
      name: d.name,
      hubId: d.hubId,
      hubName: hubName.get(d.hubId) as string,
      lastSeenAt: seen.get(d.id) ?? null,
    }))
    .filter((d) => d.lastSeenAt === null || now - d.lastSeenAt > DEVICE_STALE_AFTER_MS)
    .sort((a, b) => (a.lastSeenAt ?? 0) - (b.lastSeenAt ?? 0) || a.hubName.localeCompare(b.hubName, 'it'));

  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    hubs: hubs.map((h) => ({
      id: h.id,
      name: h.name,
      area: h.area,
      usesCheckout: h.usesCheckout,
      presentNow: present.get(h.id) ?? 0,
      checkinsToday: todayBy.get(h.id) ?? 0,
      usualByNow: round((byNow.get(h.id) ?? 0) / Math.max(1, weeks.get(h.id) ?? 0)),
      usualDay: round((usualBy.get(h.id) ?? 0) / Math.max(1, weeks.get(h.id) ?? 0)),
    })),
    staleDevices,
    staleAfterMs: DEVICE_STALE_AFTER_MS,
    presenceWindowMs: PRESENCE_WINDOW_MS,
    generatedAt: now,
  };
}
