import type { Transaction } from 'kysely';
import type { Database } from '../store/schema';
import { monthOf, weekdayOf, weekOf } from './calendar';
import { type Contribution, difference, emptyContribution, key, splitKey } from './contributions';

const CHUNK = 400;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Changes to the pre-aggregated tables gathered during one projection, written at the end as increments
 * (`INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`, the same statement on both dialects). Keys are written
 * in sorted order so concurrent writers on PostgreSQL take row locks in the same order.
 */
export class ReportDelta {
  readonly visitorChanges: Contribution = emptyContribution();
  /** day, hub, activity, target group → check-ins and guests */
  readonly daily = new Map<string, { checkins: number; guests: number }>();
  /** day, hub, hour → check-ins */
  readonly hourly = new Map<string, number>();

  /** Counts (sign 1) or uncounts (sign −1) one entry check-in in the additive tables. */
  checkin(
    r: {
      day: string;
      hub_id: string;
      activity: string;
      target_group: string;
      hour: number;
      visitor_id: string | null;
    },
    sign: 1 | -1,
  ): void {
    const k = key(r.day, r.hub_id, r.activity, r.target_group);
    const d = this.daily.get(k) ?? { checkins: 0, guests: 0 };
    d.checkins += sign;
    if (r.visitor_id === null) d.guests += sign;
    this.daily.set(k, d);
    const h = key(r.day, r.hub_id, r.hour);
    this.hourly.set(h, (this.hourly.get(h) ?? 0) + sign);
  }

  visitor(before: Contribution, after: Contribution): void {
    difference(before, after, this.visitorChanges);
  }

  async flush(tx: Transaction<Database>): Promise<void> {
    const c = this.visitorChanges;
    const counts = new Map<string, { visitors: number; newVisitors: number }>();
    for (const [k, v] of c.visitors) counts.set(k, { visitors: v, newVisitors: 0 });
    for (const [k, v] of c.newVisitors) {
      const row = counts.get(k) ?? { visitors: 0, newVisitors: 0 };
      row.newVisitors += v;
      counts.set(k, row);
    }
    const countRows = [...counts]
      .filter(([, v]) => v.visitors !== 0 || v.newVisitors !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => {
        const [kind, hub_id, facet, period] = splitKey(k) as [string, string, string, string];
        return { kind, hub_id, facet, period, visitors: v.visitors, new_visitors: v.newVisitors };
      });
    for (const part of chunks(countRows))
      await tx
        .insertInto('report_visitor_counts')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['kind', 'hub_id', 'facet', 'period']).doUpdateSet((eb) => ({
            visitors: eb('report_visitor_counts.visitors', '+', eb.ref('excluded.visitors')),
            new_visitors: eb('report_visitor_counts.new_visitors', '+', eb.ref('excluded.new_visitors')),
          })),
        )
        .execute();

    const daily = new Map<string, { checkins: number; guests: number; visitorDays: number }>();
    for (const [k, v] of this.daily) daily.set(k, { ...v, visitorDays: 0 });
    for (const [k, v] of c.visitorDays) {
      const row = daily.get(k) ?? { checkins: 0, guests: 0, visitorDays: 0 };
      row.visitorDays += v;
      daily.set(k, row);
    }
    const dailyRows = [...daily]
      .filter(([, v]) => v.checkins !== 0 || v.guests !== 0 || v.visitorDays !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => {
        const [day, hub_id, activity, target_group] = splitKey(k) as [string, string, string, string];
        return {
          day,
          week: weekOf(day),
          month: monthOf(day),
          hub_id,
          activity,
          target_group,
          checkins: v.checkins,
          guests: v.guests,
          visitor_days: v.visitorDays,
        };
      });
    for (const part of chunks(dailyRows))
      await tx
        .insertInto('report_daily')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['day', 'hub_id', 'activity', 'target_group']).doUpdateSet((eb) => ({
            checkins: eb('report_daily.checkins', '+', eb.ref('excluded.checkins')),
            guests: eb('report_daily.guests', '+', eb.ref('excluded.guests')),
            visitor_days: eb('report_daily.visitor_days', '+', eb.ref('excluded.visitor_days')),
          })),
        )
        .execute();

    const hourlyRows = [...this.hourly]
      .filter(([, v]) => v !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, checkins]) => {
        const [day, hub_id, hour] = splitKey(k) as [string, string, string];
        return { day, hub_id, hour: Number(hour), weekday: weekdayOf(day), checkins };
      });
    for (const part of chunks(hourlyRows))
      await tx
        .insertInto('report_hourly')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['day', 'hub_id', 'hour']).doUpdateSet((eb) => ({
            checkins: eb('report_hourly.checkins', '+', eb.ref('excluded.checkins')),
          })),
        )
        .execute();

    const flowRows = sortedNonZero(c.moves).map(([k, moves]) => {
      const [day, from_hub, to_hub] = splitKey(k) as [string, string, string];
      return { day, from_hub, to_hub, moves };
    });
    for (const part of chunks(flowRows))
      await tx
        .insertInto('report_flows')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['day', 'from_hub', 'to_hub']).doUpdateSet((eb) => ({
            moves: eb('report_flows.moves', '+', eb.ref('excluded.moves')),
          })),
        )
        .execute();

    const esfRows = sortedNonZero(c.esf).map(([k, participants]) => {
      const [year, hub_id, indicator, value] = splitKey(k) as [string, string, string, string];
      return { year, hub_id, indicator, value, participants };
    });
    for (const part of chunks(esfRows))
      await tx
        .insertInto('report_esf')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['year', 'hub_id', 'indicator', 'value']).doUpdateSet((eb) => ({
            participants: eb('report_esf.participants', '+', eb.ref('excluded.participants')),
          })),
        )
        .execute();
  }
}

function sortedNonZero(m: Map<string, number>): Array<[string, number]> {
  return [...m].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
}

export { chunks };
