import { type Static, Type } from 'typebox';
import { DayParam, type Granularity, HubIdParam, type HubOption } from './report-common';

export const AttendanceQuery = Type.Object(
  {
    from: DayParam,
    to: DayParam,
    granularity: Type.Optional(
      Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')]),
    ),
    hub: Type.Optional(HubIdParam),
    targetGroup: Type.Optional(Type.String({ maxLength: 40 })),
    activity: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
);
export type AttendanceQuery = Static<typeof AttendanceQuery>;

export interface AttendancePoint {
  /** first day of the period, `YYYY-MM-DD` (months: `YYYY-MM`) */
  period: string;
  checkins: number;
  /** check-ins of guests without a card */
  guests: number;
  /** distinct card holders in the period (exact) */
  visitors: number;
  /**
   * of which: first visit ever (at the hub, or in the city when no hub is chosen) falls in this period; null when
   * the view is narrowed to a target group or an activity
   */
  newVisitors: number | null;
  returningVisitors: number | null;
  /** person-days: one per visitor per day per hub per activity */
  visitorDays: number;
}

export interface AttendanceBreakdownRow {
  key: string;
  label: string;
  checkins: number;
  guests: number;
  visitorDays: number;
}

export interface HeatmapCell {
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  hour: number;
  checkins: number;
}

export interface AttendanceReport {
  /** the query as answered: the range widened to whole periods */
  query: {
    from: string;
    to: string;
    granularity: Granularity;
    hub: string | null;
    targetGroup: string | null;
    activity: string | null;
  };
  series: AttendancePoint[];
  byHub: AttendanceBreakdownRow[];
  byTargetGroup: AttendanceBreakdownRow[];
  byActivity: AttendanceBreakdownRow[];
  /**
   * check-ins of the range (and filters) counted in no figure above: the same card taken again by another kiosk of
   * the hub within the repeat-scan window (REPEAT_SCAN_WINDOW_MS), because both were offline at the same time.
   * They stay stored; the earlier of each is counted.
   */
  duplicates: number;
  /** hour-of-week check-ins per hub over the range (all activities) */
  heatmaps: Array<{ hubId: string; hubName: string; cells: HeatmapCell[] }>;
  options: { hubs: HubOption[]; activities: string[]; targetGroups: string[] };
}

export const attendanceRoutes = {
  get: { method: 'GET', path: '/api/dashboard/attendance' },
} as const;
