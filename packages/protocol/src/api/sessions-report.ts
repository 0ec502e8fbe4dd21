import { type Static, Type } from 'typebox';
import { ATTENDANCE_MARKS } from '../collections/enrolments';
import { StringEnum } from '../schema/fields';
import { DayParam, HubIdParam, HubOption } from './report-common';
import { errorResponses, Nullable, ulidParams } from './schema';

export const SessionsQuery = Type.Object(
  {
    from: DayParam,
    to: DayParam,
    hub: Type.Optional(HubIdParam),
    activity: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
);
export type SessionsQuery = Static<typeof SessionsQuery>;

const Count = Type.Number();

export const ActivitySummary = Type.Object({
  activity: Type.String(),
  hubId: Type.String(),
  hubName: Type.String(),
  targetGroup: Type.String(),
  held: Type.Number({ description: 'closed, or open and already ended' }),
  planned: Count,
  cancelled: Count,
  enrolled: Type.Number({ description: 'roster entries of the sessions held' }),
  present: Type.Number({ description: 'of which marked present' }),
  /** present / enrolled over the sessions held; null when nobody was enrolled */
  attendanceRate: Type.Union([Type.Number(), Type.Null()]),
  checkins: Type.Number({ description: 'check-ins made for the sessions held (walk-ins included)' }),
});
export type ActivitySummary = Static<typeof ActivitySummary>;

export const SessionReportRow = Type.Object({
  id: Type.String(),
  hubId: Type.String(),
  hubName: Type.String(),
  activity: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  targetGroup: Type.String(),
  startsAt: Type.Number(),
  endsAt: Type.Number(),
  status: Type.String(),
  facilitator: Type.String(),
  capacity: Count,
  enrolled: Count,
  present: Count,
  checkins: Count,
  /** the facilitator's closing notes; absent for roles that see aggregates only */
  notes: Type.Optional(Type.String()),
});
export type SessionReportRow = Static<typeof SessionReportRow>;

export const SessionsReport = Type.Object({
  query: Type.Object({
    from: Type.String(),
    to: Type.String(),
    hub: Nullable(Type.String()),
    activity: Nullable(Type.String()),
  }),
  activities: Type.Array(ActivitySummary),
  /** the sessions of the range, latest first (at most `limit`) */
  sessions: Type.Array(SessionReportRow),
  limit: Count,
  /** whether this user may open rosters and read notes */
  canSeeRoster: Type.Boolean(),
  canSeeNotes: Type.Boolean(),
  hubs: Type.Array(HubOption),
  activityOptions: Type.Array(Type.String()),
});
export type SessionsReport = Static<typeof SessionsReport>;

export const RosterEntry = Type.Object({
  cardId: Type.String(),
  alias: Type.String(),
  walkIn: Type.Boolean(),
  attendance: StringEnum(ATTENDANCE_MARKS),
  checkedIn: Type.Boolean({ description: 'the card checked in for this session' }),
});
export type RosterEntry = Static<typeof RosterEntry>;

export const SessionRoster = Type.Object({ session: SessionReportRow, roster: Type.Array(RosterEntry) });
export type SessionRoster = Static<typeof SessionRoster>;

export const sessionsReportRoutes = {
  get: {
    method: 'GET',
    path: '/api/dashboard/sessions',
    schema: {
      summary: 'Activities and their sessions over a range: held, planned, attendance',
      tags: ['reports'],
      querystring: SessionsQuery,
      response: { 200: SessionsReport, ...errorResponses },
    },
  },
  /** admin and the hub's lead */
  roster: {
    method: 'GET',
    path: '/api/dashboard/sessions/:sessionId/roster',
    schema: {
      summary: "A session's roster (admin and the hub's lead)",
      tags: ['reports'],
      params: ulidParams('sessionId'),
      response: { 200: SessionRoster, ...errorResponses },
    },
  },
} as const;
