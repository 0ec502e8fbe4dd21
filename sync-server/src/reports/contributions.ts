import { esfLinesOf } from '@vigevano/protocol';
import { type PeriodKind, yearOf } from './calendar';

/**
 * What one visitor adds to the pre-aggregated report tables, computed from that visitor's visit rows alone.
 * Projectors keep aggregates exact under late, out-of-order and repeated pushes by computing a visitor's
 * contribution before and after a change and applying the difference: distinct counts, first visits, moves
 * between hubs and ESF+ participants are all per-visitor facts, so no other visitor's rows are ever read.
 */

/** One row of report_visitor_days: a visitor at a hub on a day, for one activity (facet). */
export interface VisitRow {
  day: string;
  week: string;
  month: string;
  hub_id: string;
  activity: string;
  target_group: string;
  first_at: number;
  checkins: number;
}

/** The characteristics ESF+ counts, from the people table (null: no personal data recorded). */
export interface PersonTraits {
  birth_year: number | null;
  gender: string | null;
  employment: string | null;
  education: string | null;
  /** null: not recorded; []: recorded, none */
  disadvantaged: string[] | null;
}

export const CITY = '*';
const SEP = '\u001f';
export const key = (...parts: Array<string | number>) => parts.join(SEP);
export const splitKey = (k: string) => k.split(SEP);

/** Contribution maps, by target table; each key's value is this visitor's count for that aggregate row. */
export interface Contribution {
  /** report_visitor_counts.visitors: kind, hub, facet, period */
  visitors: Map<string, number>;
  /** report_visitor_counts.new_visitors: kind, hub, 'all', period */
  newVisitors: Map<string, number>;
  /** report_daily.visitor_days: day, hub, activity, target group */
  visitorDays: Map<string, number>;
  /** report_flows.moves: day, from hub, to hub */
  moves: Map<string, number>;
  /** report_esf.participants: year, hub, indicator, value */
  esf: Map<string, number>;
}

export const emptyContribution = (): Contribution => ({
  visitors: new Map(),
  newVisitors: new Map(),
  visitorDays: new Map(),
  moves: new Map(),
  esf: new Map(),
});

const KINDS: PeriodKind[] = ['d', 'w', 'm'];
const periodOfRow = (kind: PeriodKind, r: VisitRow) =>
  kind === 'd' ? r.day : kind === 'w' ? r.week : r.month;

export function contributionOf(rows: readonly VisitRow[], person: PersonTraits | null): Contribution {
  const c = emptyContribution();
  if (rows.length === 0) return c;
  const set = (m: Map<string, number>, k: string) => m.set(k, 1);

  for (const r of rows) {
    c.visitorDays.set(key(r.day, r.hub_id, r.activity, r.target_group), 1);
    for (const kind of KINDS) {
      const p = periodOfRow(kind, r);
      for (const hub of [r.hub_id, CITY]) {
        set(c.visitors, key(kind, hub, 'all', p));
        set(c.visitors, key(kind, hub, `tg:${r.target_group}`, p));
        set(c.visitors, key(kind, hub, `act:${r.activity}`, p));
      }
    }
  }

  // Visitors active at two or more hubs in a period, for the city and for each of those hubs.
  for (const kind of KINDS) {
    const hubsByPeriod = new Map<string, Set<string>>();
    for (const r of rows) {
      const p = periodOfRow(kind, r);
      const hubs = hubsByPeriod.get(p) ?? new Set<string>();
      hubs.add(r.hub_id);
      hubsByPeriod.set(p, hubs);
    }
    for (const [p, hubs] of hubsByPeriod) {
      if (hubs.size < 2) continue;
      set(c.visitors, key(kind, CITY, 'multi', p));
      for (const hub of hubs) set(c.visitors, key(kind, hub, 'multi', p));
    }
  }

  // All time: each hub's visitors, and those seen at two or more hubs (period '').
  const allHubs = new Set(rows.map((r) => r.hub_id));
  for (const hub of [...allHubs, CITY]) set(c.visitors, key('a', hub, 'all', ''));
  if (allHubs.size >= 2) for (const hub of [...allHubs, CITY]) set(c.visitors, key('a', hub, 'multi', ''));

  // First visit ever, in the city and at each hub: that period counts the visitor as new.
  const first = new Map<string, VisitRow>();
  for (const r of rows) {
    for (const hub of [r.hub_id, CITY]) {
      const f = first.get(hub);
      if (!f || r.day < f.day) first.set(hub, r);
    }
  }
  for (const [hub, r] of first)
    for (const kind of KINDS) set(c.newVisitors, key(kind, hub, 'all', periodOfRow(kind, r)));

  // Moves: the visitor's visit-days in order (day, first check-in, hub); a change of hub is a move.
  const visits = new Map<string, { day: string; hub: string; at: number }>();
  for (const r of rows) {
    const k = key(r.day, r.hub_id);
    const v = visits.get(k);
    if (!v || r.first_at < v.at) visits.set(k, { day: r.day, hub: r.hub_id, at: r.first_at });
  }
  const timeline = [...visits.values()].sort((a, b) =>
    a.day !== b.day
      ? a.day < b.day
        ? -1
        : 1
      : a.at !== b.at
        ? a.at - b.at
        : a.hub < b.hub
          ? -1
          : a.hub > b.hub
            ? 1
            : 0,
  );
  for (let i = 1; i < timeline.length; i++) {
    const prev = timeline[i - 1] as (typeof timeline)[number];
    const next = timeline[i] as (typeof timeline)[number];
    if (prev.hub !== next.hub) {
      const k = key(next.day, prev.hub, next.hub);
      c.moves.set(k, (c.moves.get(k) ?? 0) + 1);
    }
  }

  // ESF+ participants: every year the visitor came, for the city and for each hub they came to that year.
  const hubsByYear = new Map<string, Set<string>>();
  for (const r of rows) {
    const y = yearOf(r.day);
    const hubs = hubsByYear.get(y) ?? new Set<string>([CITY]);
    hubs.add(r.hub_id);
    hubsByYear.set(y, hubs);
  }
  for (const [year, hubs] of hubsByYear) {
    const values = esfValues(person, Number(year));
    for (const hub of hubs)
      for (const [indicator, value] of values) set(c.esf, key(year, hub, indicator, value));
  }
  return c;
}

/** The (indicator, value) pairs one participant counts under in `year`, by the ESF+ table (ESF_LINES). */
function esfValues(person: PersonTraits | null, year: number): Array<[string, string]> {
  const traits = person && {
    birthYear: person.birth_year,
    gender: person.gender,
    employment: person.employment,
    education: person.education,
    disadvantaged: person.disadvantaged,
  };
  return esfLinesOf(traits, year).map((l) => [l.indicator, l.value]);
}

/** after − before, per table and key; keys whose difference is zero are left out. */
export function difference(before: Contribution, after: Contribution, into: Contribution): void {
  for (const table of Object.keys(into) as Array<keyof Contribution>) {
    const acc = into[table];
    for (const [k, v] of after[table]) acc.set(k, (acc.get(k) ?? 0) + v);
    for (const [k, v] of before[table]) acc.set(k, (acc.get(k) ?? 0) - v);
  }
}
