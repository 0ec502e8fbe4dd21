import { type Static, Type } from 'typebox';
import { REFUSAL_REASONS } from '../collections/refusals';
import { StringEnum, Ulid } from '../schema/fields';
import { DayParam, HubIdParam, HubOption } from './report-common';
import { errorResponses, ulidParams } from './schema';

/**
 * Attendance taken and corrected on the dashboard (issue 18, items 4 and 5): marks for one or many participants of
 * a session, a check-in annulled, refused scans by reason, kiosk and hour, and a participant's hours in a funded
 * operation. Marks and annulments are server writes of the replicated documents (enrolments, annulments), so
 * kiosks receive them and merge them by the collections' written rules.
 */

/** A mark a coordinator sets: `unknown` clears one set by mistake. */
export const AttendanceMarkInput = Type.Object(
  {
    cardId: Ulid(),
    attendance: StringEnum(['unknown', 'present', 'absent', 'excused'] as const),
    excuseReason: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'required with `excused`, refused otherwise',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AttendanceMarkInput = Static<typeof AttendanceMarkInput>;

export const AttendanceMarksRequest = Type.Object(
  { marks: Type.Array(AttendanceMarkInput, { minItems: 1, maxItems: 200 }) },
  { additionalProperties: false },
);
export type AttendanceMarksRequest = Static<typeof AttendanceMarksRequest>;

export const AttendanceMarksResponse = Type.Object({
  /** roster entries whose mark changed (the same mark again changes nothing and is not audited) */
  changed: Type.Number(),
});
export type AttendanceMarksResponse = Static<typeof AttendanceMarksResponse>;

export const AnnulRequest = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 200, description: 'why the check-in was a mistake' }) },
  { additionalProperties: false },
);
export type AnnulRequest = Static<typeof AnnulRequest>;

export const AnnulResponse = Type.Object({
  checkinId: Type.String(),
  annulledBy: Type.String(),
  annulledAt: Type.Number({ description: 'epoch ms' }),
});
export type AnnulResponse = Static<typeof AnnulResponse>;

export const RefusalsQuery = Type.Object(
  { from: DayParam, to: DayParam, hub: Type.Optional(HubIdParam) },
  { additionalProperties: false },
);
export type RefusalsQuery = Static<typeof RefusalsQuery>;

/** Refused scans of one kiosk, one local day and hour, one reason. */
export const RefusalRow = Type.Object({
  day: Type.String(),
  hour: Type.Number({ description: 'local hour 0–23' }),
  hubId: Type.String(),
  hubName: Type.String(),
  deviceId: Type.String(),
  deviceName: Type.String(),
  reason: StringEnum(REFUSAL_REASONS),
  count: Type.Number(),
});
export type RefusalRow = Static<typeof RefusalRow>;

export const RefusalsReport = Type.Object({
  query: Type.Object({
    from: Type.String(),
    to: Type.String(),
    hub: Type.Union([Type.String(), Type.Null()]),
  }),
  /** every kiosk × day × hour × reason with a refusal, by day, hour, kiosk */
  rows: Type.Array(RefusalRow),
  /** totals per reason, most first */
  byReason: Type.Array(Type.Object({ reason: StringEnum(REFUSAL_REASONS), count: Type.Number() })),
  /** totals per kiosk and reason, the kiosk with most refusals first */
  byKiosk: Type.Array(
    Type.Object({
      deviceId: Type.String(),
      deviceName: Type.String(),
      hubName: Type.String(),
      reason: StringEnum(REFUSAL_REASONS),
      count: Type.Number(),
    }),
  ),
  /** totals per local hour of the day (0–23), all reasons */
  byHour: Type.Array(Type.Object({ hour: Type.Number(), count: Type.Number() })),
  hubs: Type.Array(HubOption),
});
export type RefusalsReport = Static<typeof RefusalsReport>;

/** One participant's attendance over the sessions of a funded operation. */
export const OperationHoursRow = Type.Object({
  cardId: Type.String(),
  alias: Type.String(),
  sessions: Type.Number({ description: 'sessions of the operation on their roster' }),
  present: Type.Number(),
  excused: Type.Number(),
  absent: Type.Number(),
  late: Type.Number({ description: 'sessions they arrived late at' }),
  leftEarly: Type.Number(),
  minutes: Type.Number({ description: 'minutes attended, from attendedTime()' }),
  /** minutes / the operation's planned minutes; null when none are planned */
  share: Type.Union([Type.Number(), Type.Null()]),
});
export type OperationHoursRow = Static<typeof OperationHoursRow>;

export const OperationHours = Type.Object({
  operation: Type.Object({
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    plannedMinutes: Type.Number(),
  }),
  participants: Type.Array(OperationHoursRow),
});
export type OperationHours = Static<typeof OperationHours>;

const tags = ['reports'];

export const correctionRoutes = {
  /** admin and the hub's lead: a roster names people */
  marks: {
    method: 'PUT',
    path: '/api/dashboard/sessions/:sessionId/attendance',
    schema: {
      summary: "Marks present, absent or excused (with a reason) one or many of a session's roster",
      tags,
      params: ulidParams('sessionId'),
      body: AttendanceMarksRequest,
      response: { 200: AttendanceMarksResponse, ...errorResponses },
    },
  },
  annul: {
    method: 'POST',
    path: '/api/dashboard/checkins/:checkinId/annul',
    schema: {
      summary: 'Annuls a check-in made by mistake: a correction event; the check-in itself stays as it was',
      tags,
      params: ulidParams('checkinId'),
      body: AnnulRequest,
      response: { 200: AnnulResponse, ...errorResponses },
    },
  },
  refusals: {
    method: 'GET',
    path: '/api/dashboard/refusals',
    schema: {
      summary: 'Refused scans by reason, kiosk, day and hour (no personal data)',
      tags,
      querystring: RefusalsQuery,
      response: { 200: RefusalsReport, ...errorResponses },
    },
  },
  operationHours: {
    method: 'GET',
    path: '/api/dashboard/operation-hours/:operationId',
    schema: {
      summary: "Each participant's hours in a funded operation and their share of its planned hours",
      tags,
      params: ulidParams('operationId'),
      response: { 200: OperationHours, ...errorResponses },
    },
  },
} as const;
