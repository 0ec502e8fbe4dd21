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
  checkedIn: Type.Boolean({
    description: 'the card checked in for this session (annulled check-ins left out)',
  }),
  excuseReason: Nullable(Type.String({ description: 'why an excused participant was away' })),
  markedBy: Nullable(Type.String({ description: 'who set the mark: a facilitator, a user' })),
  /** whole minutes attended, from attendedTime() (packages/protocol programmes/hours.ts) */
  minutes: Type.Number(),
  inAt: Nullable(Type.Number({ description: 'first check-in, epoch ms' })),
  outAt: Nullable(Type.Number({ description: 'last check-out, epoch ms (hubs that record them)' })),
  late: Type.Boolean(),
  leftEarly: Type.Boolean(),
});
export type RosterEntry = Static<typeof RosterEntry>;

/** One check-in made for the session, annulled or not: what a coordinator may annul, and what was. */
export const SessionCheckin = Type.Object({
  id: Type.String(),
  cardId: Nullable(Type.String()),
  alias: Type.String({ description: "the roster's name for the card, or empty" }),
  direction: Type.String(),
  at: Type.Number({ description: 'epoch ms' }),
  annulment: Nullable(
    Type.Object({ annulledBy: Type.String(), reason: Type.String(), annulledAt: Type.Number() }),
  ),
});
export type SessionCheckin = Static<typeof SessionCheckin>;

export const SessionRoster = Type.Object({
  session: SessionReportRow,
  roster: Type.Array(RosterEntry),
  /** whether the hub records check-outs (then hours end at the last check-out) */
  usesCheckout: Type.Boolean(),
  checkins: Type.Array(SessionCheckin),
});
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
