import type { Content, Device, PlayRow, PlaysQuery, PlaysReport, SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { listDocuments } from '../../store/documents';
import type { Database } from '../../store/schema';
import { addDays } from '../calendar';
import { checkHubExists, hubOptions, reportHub, visibleHubs } from '../scope';
import { checkRange } from './range';

/** Every item's Italian title by id, deleted items included (their plays stay, and say what was shown). */
async function titles(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('documents').select('body').where('collection', '=', 'content').execute();
  return new Map(
    rows.map((r) => {
      const c = JSON.parse(r.body) as Content;
      return [c.id, c.title.it];
    }),
  );
}

/** Shows and seconds summed by a key of the rows, in first-seen order. */
function totals<K>(
  rows: PlayRow[],
  keyOf: (r: PlayRow) => K,
): Map<K, { first: PlayRow; shows: number; seconds: number }> {
  const out = new Map<K, { first: PlayRow; shows: number; seconds: number }>();
  for (const r of rows) {
    const t = out.get(keyOf(r)) ?? { first: r, shows: 0, seconds: 0 };
    t.shows += r.shows;
    t.seconds += r.seconds;
    out.set(keyOf(r), t);
  }
  return out;
}

/**
 * Proof of play over a range of local days (issue 17, item 6), from the kiosks' counters (report_plays): every
 * kiosk × item × day, and totals per item, per kiosk and per day (every day of the range, zeros included, so a
 * chart shows the days a kiosk was dark). A hub lead sees their hubs; `hub` narrows to one.
 * Throws ApiFailure validation_failed for a bad range, not_found for an unknown hub.
 */
export async function playsReport(
  db: Kysely<Database>,
  user: SessionUser,
  q: PlaysQuery,
): Promise<PlaysReport> {
  checkRange(q.from, q.to);
  const hubs = await visibleHubs(db, user);
  const hub = reportHub(user, q.hub);
  checkHubExists(hubs, hub);
  const visible = hubs.map((h) => h.id);
  let query = db.selectFrom('report_plays').selectAll().where('day', '>=', q.from).where('day', '<=', q.to);
  query = hub ? query.where('hub_id', '=', hub) : query;
  const stored = visible.length === 0 ? [] : await query.where('hub_id', 'in', visible).execute();
  const hubName = new Map(hubs.map((h) => [h.id, h.name]));
  const deviceName = new Map((await listDocuments<Device>(db, 'devices')).map((d) => [d.id, d.name]));
  const titleOf = await titles(db);
  const rows: PlayRow[] = stored
    .map((r) => ({
      day: r.day,
      hubId: r.hub_id,
      hubName: hubName.get(r.hub_id) ?? r.hub_id,
      deviceId: r.device_id,
      deviceName: deviceName.get(r.device_id) ?? r.device_id,
      contentId: r.content_id,
      title: titleOf.get(r.content_id) ?? r.content_id,
      shows: Number(r.shows),
      seconds: Number(r.seconds),
    }))
    .sort(
      (a, b) =>
        a.day.localeCompare(b.day) ||
        a.hubName.localeCompare(b.hubName, 'it') ||
        a.deviceName.localeCompare(b.deviceName, 'it') ||
        // kiosks of two hubs may share a name, items a title: ids settle the order, whatever the store returns
        a.deviceId.localeCompare(b.deviceId) ||
        a.title.localeCompare(b.title, 'it') ||
        a.contentId.localeCompare(b.contentId),
    );
  const byItem = [...totals(rows, (r) => r.contentId).values()]
    .map(({ first, shows, seconds }) => ({ contentId: first.contentId, title: first.title, shows, seconds }))
    .sort(
      (a, b) =>
        b.shows - a.shows || a.title.localeCompare(b.title, 'it') || a.contentId.localeCompare(b.contentId),
    );
  const byKiosk = [...totals(rows, (r) => r.deviceId).values()]
    .map(({ first, shows, seconds }) => ({
      deviceId: first.deviceId,
      deviceName: first.deviceName,
      hubName: first.hubName,
      shows,
      seconds,
    }))
    .sort(
      (a, b) =>
        b.shows - a.shows ||
        a.deviceName.localeCompare(b.deviceName, 'it') ||
        a.deviceId.localeCompare(b.deviceId),
    );
  const perDay = totals(rows, (r) => r.day);
  const byDay: PlaysReport['byDay'] = [];
  for (let day = q.from; day <= q.to; day = addDays(day, 1))
    byDay.push({ day, shows: perDay.get(day)?.shows ?? 0, seconds: perDay.get(day)?.seconds ?? 0 });
  return { query: { from: q.from, to: q.to, hub }, rows, byItem, byKiosk, byDay, hubs: hubOptions(hubs) };
}
