import type { Device, RefusalReason, RefusalsQuery, RefusalsReport, SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { listDocuments } from '../../store/documents';
import type { Database } from '../../store/schema';
import { checkHubExists, hubOptions, reportHub, visibleHubs } from '../scope';
import { checkRange } from './range';

/**
 * Refused scans over a range of local days (issue 18, item 5), from the kiosks' counters (report_refusals): every
 * kiosk × day × hour × reason, and totals by reason, by kiosk and reason, and by hour of the day, to see where
 * refusals cluster (a kiosk whose camera misreads, a session always full at 17:00). A hub lead sees their hubs.
 */
export async function refusalsReport(
  db: Kysely<Database>,
  user: SessionUser,
  q: RefusalsQuery,
): Promise<RefusalsReport> {
  checkRange(q.from, q.to);
  const hubs = await visibleHubs(db, user);
  const hub = reportHub(user, q.hub);
  checkHubExists(hubs, hub);
  const visible = hubs.map((h) => h.id);
  let query = db
    .selectFrom('report_refusals')
    .selectAll()
    .where('day', '>=', q.from)
    .where('day', '<=', q.to);
  query = hub ? query.where('hub_id', '=', hub) : query;
  const rows = visible.length === 0 ? [] : await query.where('hub_id', 'in', visible).execute();
  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  const devices = await listDocuments<Device>(db, 'devices');
  const deviceName = new Map(devices.map((d) => [d.id, d.name]));
  const out = rows
    .map((r) => ({
      day: r.day,
      hour: Number(r.hour),
      hubId: r.hub_id,
      hubName: hubName.get(r.hub_id) ?? r.hub_id,
      deviceId: r.device_id,
      deviceName: deviceName.get(r.device_id) ?? r.device_id,
      reason: r.reason as RefusalReason,
      count: Number(r.count),
    }))
    .sort(
      (a, b) =>
        a.day.localeCompare(b.day) ||
        a.hour - b.hour ||
        a.hubName.localeCompare(b.hubName, 'it') ||
        a.deviceName.localeCompare(b.deviceName, 'it') ||
        // kiosks of two hubs may share a name ("Ingresso"): the id settles the order, whatever the store returns
        a.deviceId.localeCompare(b.deviceId) ||
        a.reason.localeCompare(b.reason),
    );
  const sum = <K>(keyOf: (r: (typeof out)[number]) => K) => {
    const totals = new Map<K, number>();
    for (const r of out) totals.set(keyOf(r), (totals.get(keyOf(r)) ?? 0) + r.count);
    return totals;
  };
  const byReason = [...sum((r) => r.reason)]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  const kioskKey = (r: (typeof out)[number]) => `${r.deviceId}|${r.reason}`;
  const first = new Map(out.map((r) => [kioskKey(r), r]));
  const byKiosk = [...sum(kioskKey)]
    .map(([key, count]) => {
      const r = first.get(key) as (typeof out)[number];
      return { deviceId: r.deviceId, deviceName: r.deviceName, hubName: r.hubName, reason: r.reason, count };
    })
    .sort(
      (a, b) =>
        b.count - a.count ||
        a.deviceName.localeCompare(b.deviceName, 'it') ||
        a.deviceId.localeCompare(b.deviceId) ||
        a.reason.localeCompare(b.reason),
    );
  const perHour = sum((r) => r.hour);
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, count: perHour.get(hour) ?? 0 }));
  return {
    query: { from: q.from, to: q.to, hub },
    rows: out,
    byReason,
    byKiosk,
    byHour,
    hubs: hubOptions(hubs),
  };
}
