import { type Static, Type } from 'typebox';
import { DayParam, GRANULARITIES, HubIdParam, HubOption } from './report-common';
import { errorResponses, Nullable } from './schema';

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

export const AttendancePoint = Type.Object({
  period: Type.String({ description: 'first day of the period, `YYYY-MM-DD` (months: `YYYY-MM`)' }),
  checkins: Type.Number(),
  guests: Type.Number({ description: 'check-ins of guests without a card' }),
  visitors: Type.Number({ description: 'distinct card holders in the period (exact)' }),
  /**
   * of which: first visit ever (at the hub, or in the city when no hub is chosen) falls in this period; null when
   * the view is narrowed to a target group or an activity
   */
  newVisitors: Nullable(Type.Number()),
  returningVisitors: Nullable(Type.Number()),
  visitorDays: Type.Number({ description: 'person-days: one per visitor per day per hub per activity' }),
});
export type AttendancePoint = Static<typeof AttendancePoint>;

export const AttendanceBreakdownRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  checkins: Type.Number(),
  guests: Type.Number(),
  visitorDays: Type.Number(),
});
export type AttendanceBreakdownRow = Static<typeof AttendanceBreakdownRow>;

export const HeatmapCell = Type.Object({
  weekday: Type.Number({ description: '0 = Monday … 6 = Sunday' }),
  hour: Type.Number(),
  checkins: Type.Number(),
});
export type HeatmapCell = Static<typeof HeatmapCell>;

export const AttendanceReport = Type.Object({
  query: Type.Object(
    {
      from: Type.String(),
      to: Type.String(),
      granularity: Type.Enum(GRANULARITIES),
      hub: Nullable(Type.String()),
      targetGroup: Nullable(Type.String()),
      activity: Nullable(Type.String()),
    },
    { description: 'the query as answered: the range widened to whole periods' },
  ),
  series: Type.Array(AttendancePoint),
  byHub: Type.Array(AttendanceBreakdownRow),
  byTargetGroup: Type.Array(AttendanceBreakdownRow),
  byActivity: Type.Array(AttendanceBreakdownRow),
  /**
   * check-ins of the range (and filters) counted in no figure above: the same card taken again by another kiosk of
   * the hub within the repeat-scan window (REPEAT_SCAN_WINDOW_MS), because both were offline at the same time.
   * They stay stored; the earlier of each is counted.
   */
  duplicates: Type.Number(),
  /** hour-of-week check-ins per hub over the range (all activities) */
  heatmaps: Type.Array(
    Type.Object({ hubId: Type.String(), hubName: Type.String(), cells: Type.Array(HeatmapCell) }),
  ),
  options: Type.Object({
    hubs: Type.Array(HubOption),
    activities: Type.Array(Type.String()),
    targetGroups: Type.Array(Type.String()),
  }),
});
export type AttendanceReport = Static<typeof AttendanceReport>;

export const attendanceRoutes = {
  get: {
    method: 'GET',
    path: '/api/dashboard/attendance',
    schema: {
      summary: 'Check-ins and visitors over a range, by period, hub, target group and activity',
      tags: ['reports'],
      querystring: AttendanceQuery,
      response: { 200: AttendanceReport, ...errorResponses },
    },
  },
} as const;
