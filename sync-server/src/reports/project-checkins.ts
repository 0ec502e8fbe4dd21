import type { Checkin } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import { bulkInsert } from '../store/bulk-insert';
import type { WrittenDocument } from '../store/projections';
import type { Database } from '../store/schema';
import { localTime } from './calendar';
import { chunks, ReportDelta } from './delta';
import { remarkDuplicates } from './duplicates';
import { recountSessions } from './project-sessions';
import { recomputeVisitors } from './visitors';

type CheckinRow = Database['report_checkins'];

const CHECKIN_COLUMNS = [
  'id',
  'hub_id',
  'device_id',
  'card_id',
  'visitor_id',
  'session_id',
  'activity',
  'target_group',
  'direction',
  'at',
  'day',
  'week',
  'month',
  'weekday',
  'hour',
  'duplicate',
] as const satisfies ReadonlyArray<keyof CheckinRow>;

/**
 * Check-ins → report_checkins and every aggregate. Check-ins are immutable: one seen before is skipped (a
 * retried push changes nothing); a deleted one is taken out. Its activity and target group come from its session,
 * its visitor from its card; either may sync later, and their projectors then re-file the check-in. An entry of
 * a card that another kiosk of the hub took just before is marked a duplicate and left out of the aggregates; a
 * late-arriving earlier entry moves the mark (duplicates.ts).
 */
export async function projectCheckins(tx: Transaction<Database>, docs: WrittenDocument[]): Promise<void> {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const ids = [...byId.keys()];
  const existing = new Map<string, CheckinRow>();
  for (const part of chunks(ids))
    for (const row of await tx.selectFrom('report_checkins').selectAll().where('id', 'in', part).execute())
      existing.set(row.id, row);

  // An annulled check-in stays out of the reports, even when projected after its annulment (a rebuild).
  const annulled = new Set<string>();
  for (const part of chunks(ids.filter((id) => !existing.has(id))))
    for (const row of await tx
      .selectFrom('report_annulments')
      .select('checkin_id')
      .where('checkin_id', 'in', part)
      .execute())
      annulled.add(row.checkin_id);
  const fresh = [...byId.values()]
    .filter((d) => !d.deleted && !existing.has(d.id) && !annulled.has(d.id))
    .map((d) => d.body as Checkin);
  const gone = [...byId.values()]
    .filter((d) => d.deleted && existing.has(d.id))
    .map((d) => existing.get(d.id) as CheckinRow);
  if (fresh.length === 0 && gone.length === 0) return;

  const cardIds = [...new Set(fresh.map((c) => c.cardId).filter((id): id is string => Boolean(id)))];
  const sessionIds = [...new Set(fresh.map((c) => c.sessionId).filter((id): id is string => Boolean(id)))];
  const visitorOf = new Map<string, string>();
  for (const part of chunks(cardIds))
    for (const c of await tx
      .selectFrom('report_cards')
      .select(['card_id', 'visitor_id'])
      .where('card_id', 'in', part)
      .execute())
      visitorOf.set(c.card_id, c.visitor_id);
  const sessionOf = new Map<string, { activity: string; target_group: string }>();
  for (const part of chunks(sessionIds))
    for (const s of await tx
      .selectFrom('report_sessions')
      .select(['id', 'activity', 'target_group'])
      .where('id', 'in', part)
      .execute())
      sessionOf.set(s.id, s);

  const delta = new ReportDelta();
  const visitors = new Set<string>();
  const sessions = new Set<string>();
  const rows: CheckinRow[] = fresh.map((c) => {
    const t = localTime(c.deviceTime);
    const session = c.sessionId ? sessionOf.get(c.sessionId) : undefined;
    return {
      id: c.id,
      hub_id: c.hubId,
      device_id: c.deviceId,
      card_id: c.cardId ?? null,
      visitor_id: c.cardId ? (visitorOf.get(c.cardId) ?? c.cardId) : null,
      session_id: c.sessionId ?? null,
      activity: session?.activity ?? '',
      target_group: session?.target_group ?? '',
      direction: c.direction,
      at: c.deviceTime,
      day: t.day,
      week: t.week,
      month: t.month,
      weekday: t.weekday,
      hour: t.hour,
      duplicate: 0,
    };
  });
  for (const part of chunks(rows, 200))
    await bulkInsert(tx, {
      table: 'report_checkins',
      rows: part,
      columns: CHECKIN_COLUMNS,
      integers: ['at', 'weekday', 'hour', 'duplicate'],
    });
  for (const part of chunks(gone.map((g) => g.id)))
    await tx.deleteFrom('report_checkins').where('id', 'in', part).execute();

  const flipped = await remarkDuplicates(tx, [...rows, ...gone]);
  const nowDuplicate = new Set(flipped.filter((r) => r.duplicate === 1).map((r) => r.id));
  const inserted = new Set(rows.map((r) => r.id));
  // Counted: entries not marked duplicate. New rows count by their new mark, gone rows by their stored one, and
  // rows already there whose mark flipped move in or out of the counts.
  const counted: Array<readonly [CheckinRow, 1 | -1]> = [
    ...rows.filter((r) => !nowDuplicate.has(r.id)).map((r) => [r, 1] as const),
    ...gone.filter((r) => Number(r.duplicate) === 0).map((r) => [r, -1] as const),
    ...flipped.filter((r) => !inserted.has(r.id)).map((r) => [r, r.duplicate === 1 ? -1 : 1] as const),
  ];
  for (const [r, sign] of counted) if (r.direction === 'in') delta.checkin(r, sign);
  for (const r of [...rows, ...gone, ...flipped]) {
    if (r.visitor_id) visitors.add(r.visitor_id);
    if (r.session_id) sessions.add(r.session_id);
  }
  await recomputeVisitors(tx, visitors, delta);
  await delta.flush(tx);
  await recountSessions(tx, [...sessions]);
}
