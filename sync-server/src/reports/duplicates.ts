import { REPEAT_SCAN_WINDOW_MS } from '@vigevano/protocol';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../store/schema';
import { chunks } from './delta';

/**
 * Same card at two kiosks of one hub, both offline: each admits it, since neither knows what the other took.
 * The server, which sees both, counts one visit. The rule, a pure function of the stored check-ins (so whichever
 * arrives first, and however pushes interleave, the same one is counted):
 *
 * an entry (direction 'in') with a card is a duplicate when another entry of the same card, at the same hub, for
 * the same session (or both without one), made by ANOTHER device, lies before it (earlier device time; at the same
 * time, the smaller id) by less than REPEAT_SCAN_WINDOW_MS.
 *
 * "Another device": one kiosk never admits a card twice within the window unless the visitor checked out in
 * between, which is a real second visit. Any earlier entry counts as a reason, duplicate or not: a kiosk that had
 * seen it would have answered "already checked in" too. Duplicates stay stored and in report_checkins (marked
 * `duplicate = 1`); aggregates count only the rows marked 0.
 */
const DUPLICATE_WINDOW_MS = REPEAT_SCAN_WINDOW_MS;

/** An entry as the rule sees it. */
export interface EntryRow {
  id: string;
  hub_id: string;
  device_id: string;
  card_id: string | null;
  session_id: string | null;
  direction: string;
  at: number;
}

const groupKey = (r: EntryRow) => `${r.card_id}\u0000${r.hub_id}\u0000${r.session_id ?? ''}`;
const before = (a: EntryRow, b: EntryRow) => a.at < b.at || (a.at === b.at && a.id < b.id);

/** Whether each entry is a duplicate by the rule above, given every entry of its group near it. */
export function duplicateMarks(rows: readonly EntryRow[]): Map<string, boolean> {
  const groups = new Map<string, EntryRow[]>();
  for (const r of rows) {
    if (r.direction !== 'in' || r.card_id === null) continue;
    const list = groups.get(groupKey(r)) ?? [];
    list.push(r);
    groups.set(groupKey(r), list);
  }
  const marks = new Map<string, boolean>();
  for (const list of groups.values()) {
    list.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    list.forEach((c, i) => {
      let duplicate = false;
      for (let j = i - 1; j >= 0 && !duplicate; j--) {
        const e = list[j] as EntryRow;
        if (c.at - e.at >= DUPLICATE_WINDOW_MS) break;
        duplicate = e.device_id !== c.device_id && before(e, c);
      }
      marks.set(c.id, duplicate);
    });
  }
  return marks;
}

type CheckinRow = Database['report_checkins'];

/** report_checkins.at in a filter that must not choose the index (unary plus: the same value on both dialects). */
const atForFilter = sql<number>`+${sql.ref('at')}`;

/**
 * Marks again the entries that the `changed` entries (just inserted into, or deleted from, report_checkins in
 * this transaction) can affect: those of the same card, hub and session from the earliest change on (a change
 * moves only later marks), up to one window after the latest. Updates the rows whose mark changed and returns
 * them, with their new mark (rows just inserted carry 0 until then, so a new duplicate is among them).
 */
export async function remarkDuplicates(
  tx: Transaction<Database>,
  changed: readonly EntryRow[],
): Promise<CheckinRow[]> {
  const entries = changed
    .filter((c) => c.direction === 'in' && c.card_id !== null)
    // bigint columns read from PostgreSQL arrive as strings
    .map((c) => ({ ...c, at: Number(c.at) }));
  if (entries.length === 0) return [];
  const from = Math.min(...entries.map((e) => e.at));
  const to = Math.max(...entries.map((e) => e.at)) + DUPLICATE_WINDOW_MS;
  const cards = [...new Set(entries.map((e) => e.card_id as string))].sort();
  const hubs = new Set(entries.map((e) => e.hub_id));
  const rows = new Map<string, CheckinRow>();
  for (const part of chunks(cards))
    for (const r of await tx
      .selectFrom('report_checkins')
      .selectAll()
      .where('card_id', 'in', part)
      .where('direction', '=', 'in')
      // the reasons for a mark lie up to one window before it. `+at`: the cards pick the rows (index
      // report_checkins_card); without the unary plus SQLite's planner read the time range through
      // report_checkins_day instead, which after a burst is every row of the table, for every page of a catch-up
      // (SQLite manual, "The SQLite Query Optimizer Overview", disqualifying terms with unary "+").
      .where(atForFilter, '>=', from - DUPLICATE_WINDOW_MS)
      .where(atForFilter, '<=', to)
      .execute())
      if (hubs.has(r.hub_id)) rows.set(r.id, { ...r, at: Number(r.at), duplicate: Number(r.duplicate) });
  const changedGroups = new Set(entries.map(groupKey));
  const flipped: CheckinRow[] = [];
  for (const [id, duplicate] of duplicateMarks([...rows.values()])) {
    const row = rows.get(id) as CheckinRow;
    if (row.at < from || !changedGroups.has(groupKey(row))) continue;
    if ((row.duplicate === 1) !== duplicate) flipped.push({ ...row, duplicate: duplicate ? 1 : 0 });
  }
  for (const value of [0, 1] as const) {
    const ids = flipped.filter((r) => r.duplicate === value).map((r) => r.id);
    for (const part of chunks(ids))
      await tx.updateTable('report_checkins').set({ duplicate: value }).where('id', 'in', part).execute();
  }
  return flipped;
}

/**
 * The same rule in one SQL statement (the same text on SQLite and PostgreSQL), marking every row of
 * report_checkins: the bulk rebuild's, and the tests' independent oracle for the incremental marking.
 */
export function markAllDuplicatesStatement() {
  return sql`UPDATE report_checkins SET duplicate = CASE WHEN direction = 'in' AND card_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM report_checkins e
      WHERE e.card_id = report_checkins.card_id AND e.hub_id = report_checkins.hub_id
        AND COALESCE(e.session_id, '') = COALESCE(report_checkins.session_id, '')
        AND e.direction = 'in' AND e.device_id <> report_checkins.device_id
        AND e.at > report_checkins.at - ${sql.lit(DUPLICATE_WINDOW_MS)}
        AND (e.at < report_checkins.at OR (e.at = report_checkins.at AND e.id < report_checkins.id))
    ) THEN 1 ELSE 0 END`;
}
