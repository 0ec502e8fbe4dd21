import { type Static, Type } from 'typebox';
import { targetGroup } from '../collections/common';
import { SESSION_KINDS, SESSION_STATUSES } from '../collections/sessions';
import { IsoDate, StringEnum, Ulid } from '../schema/fields';
import { errorResponses, ulidParams } from './schema';

/** A wall-clock time 'HH:mm' (00:00–23:59) in the hub's time zone. */
const WallTime = (description: string) =>
  Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description });

/** The longest recurrence the dashboard plans: three years from its first day (issue 18). */
export const MAX_SERIES_YEARS = 3;

/** What every planned session carries, single or recurring (the `sessions` document's own fields). */
const sessionFields = {
  hubId: Ulid(),
  operationId: Type.Union([Ulid(), Type.Null()], {
    description: 'the funded operation; null: none (a desk shift)',
  }),
  kind: StringEnum(SESSION_KINDS),
  activity: Type.String({ minLength: 1, maxLength: 120 }),
  title: Type.String({ minLength: 1, maxLength: 160 }),
  targetGroup: targetGroup(),
  capacity: Type.Integer({ minimum: 0, maximum: 10_000, description: '0 = no limit' }),
  facilitator: Type.String({ maxLength: 80 }),
  room: Type.String({ maxLength: 80 }),
  startTime: WallTime('local start time'),
  durationMinutes: Type.Integer({ minimum: 5, maximum: 24 * 60 }),
};

/**
 * A recurring series: an RFC 5545 recurrence rule (RRULE, without DTSTART: `startsOn` is its first day) with an
 * end (UNTIL or COUNT) no more than MAX_SERIES_YEARS after `startsOn`. Italian public holidays and the hub's
 * closures are skipped.
 */
export const SeriesInput = Type.Object(
  {
    ...sessionFields,
    startsOn: IsoDate({ description: 'the first day of the series (DTSTART), local date' }),
    rule: Type.String({
      minLength: 6,
      maxLength: 500,
      description: 'RFC 5545 RRULE, e.g. "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630"',
    }),
  },
  { additionalProperties: false },
);
export type SeriesInput = Static<typeof SeriesInput>;

/** One single session planned by hand. */
export const PlannedSessionInput = Type.Object(
  { ...sessionFields, date: IsoDate({ description: 'local date' }) },
  { additionalProperties: false },
);
export type PlannedSessionInput = Static<typeof PlannedSessionInput>;

/** Moving one occurrence: a new day and time, room or facilitator. */
export const MoveSessionInput = Type.Object(
  {
    date: IsoDate(),
    startTime: WallTime('local start time'),
    durationMinutes: Type.Integer({ minimum: 5, maximum: 24 * 60 }),
    room: Type.String({ maxLength: 80 }),
    facilitator: Type.String({ maxLength: 80 }),
  },
  { additionalProperties: false },
);
export type MoveSessionInput = Static<typeof MoveSessionInput>;

export const SKIP_REASONS = ['holiday', 'closure'] as const;

/** The dates a rule gives, and the ones skipped with why. */
export const SeriesPreview = Type.Object({
  occurrences: Type.Array(Type.Object({ date: IsoDate(), startsAt: Type.Number(), endsAt: Type.Number() })),
  skipped: Type.Array(
    Type.Object({
      date: IsoDate(),
      reason: StringEnum(SKIP_REASONS),
      /** the holiday's or the closure's name, Italian */
      label: Type.String(),
    }),
  ),
});
export type SeriesPreview = Static<typeof SeriesPreview>;

export const Series = Type.Object({
  id: Ulid(),
  hubId: Ulid(),
  operationId: Type.Union([Ulid(), Type.Null()]),
  title: Type.String(),
  activity: Type.String(),
  rule: Type.String(),
  startsOn: IsoDate(),
  startTime: Type.String(),
  durationMinutes: Type.Integer(),
  updatedAt: Type.Number(),
});
export type Series = Static<typeof Series>;

export const PlannedSession = Type.Object({
  id: Ulid(),
  hubId: Ulid(),
  operationId: Type.Union([Ulid(), Type.Null()]),
  seriesId: Type.Union([Ulid(), Type.Null()]),
  title: Type.String(),
  startsAt: Type.Number(),
  endsAt: Type.Number(),
  room: Type.String(),
  facilitator: Type.String(),
  status: StringEnum(SESSION_STATUSES),
});
export type PlannedSession = Static<typeof PlannedSession>;

export const PlanningOverview = Type.Object({
  series: Type.Array(Series),
  /** the sessions planned from the dashboard (with an operation or a series) from today on */
  sessions: Type.Array(PlannedSession),
  hubs: Type.Array(Type.Object({ id: Ulid(), name: Type.String(), timezone: Type.String() })),
  operations: Type.Array(Type.Object({ id: Ulid(), code: Type.String(), name: Type.String() })),
});
export type PlanningOverview = Static<typeof PlanningOverview>;

/** What re-planning a series did to its future occurrences. */
export const ReplanResult = Type.Object({
  series: Series,
  /** untouched occurrences moved to the new dates (same ids, so their rosters stay) */
  replanned: Type.Integer(),
  /** occurrences edited since they were planned (on a kiosk or here), or past: left as they are */
  kept: Type.Integer(),
  created: Type.Integer(),
  /** untouched occurrences the new rule no longer gives: cancelled */
  cancelled: Type.Integer(),
  skipped: SeriesPreview.properties.skipped,
});
export type ReplanResult = Static<typeof ReplanResult>;

const tags = ['programmes'];
const one = Type.Object({ session: PlannedSession });

/** Planning from the dashboard: the admin, coordinators, and hub leads for their hubs (checked in the handler). */
export const planningRoutes = {
  overview: {
    method: 'GET',
    path: '/api/dashboard/planning',
    schema: {
      summary:
        'Series and planned sessions from today on, with the hubs and operations the user may plan for',
      tags,
      response: { 200: PlanningOverview, ...errorResponses },
    },
  },
  preview: {
    method: 'POST',
    path: '/api/dashboard/planning/preview',
    schema: {
      summary: 'The dates a recurrence gives, and those skipped (holidays, closures); writes nothing',
      tags,
      body: SeriesInput,
      response: { 200: SeriesPreview, ...errorResponses },
    },
  },
  createSeries: {
    method: 'POST',
    path: '/api/dashboard/planning/series',
    schema: {
      summary: 'Plan a recurring series: one planned session per date',
      tags,
      body: SeriesInput,
      response: {
        200: Type.Object({
          series: Series,
          sessions: Type.Integer(),
          skipped: SeriesPreview.properties.skipped,
        }),
        ...errorResponses,
      },
    },
  },
  updateSeries: {
    method: 'PUT',
    path: '/api/dashboard/planning/series/:seriesId',
    schema: {
      summary: 'Change a series: re-plans only its future occurrences nobody has edited since',
      tags,
      params: ulidParams('seriesId'),
      body: SeriesInput,
      response: { 200: ReplanResult, ...errorResponses },
    },
  },
  createSession: {
    method: 'POST',
    path: '/api/dashboard/planning/sessions',
    schema: {
      summary: 'Plan one single session',
      tags,
      body: PlannedSessionInput,
      response: { 200: one, ...errorResponses },
    },
  },
  moveSession: {
    method: 'PUT',
    path: '/api/dashboard/planning/sessions/:sessionId',
    schema: {
      summary: 'Move one planned session (day, time, room, facilitator)',
      tags,
      params: ulidParams('sessionId'),
      body: MoveSessionInput,
      response: { 200: one, ...errorResponses },
    },
  },
  cancelSession: {
    method: 'POST',
    path: '/api/dashboard/planning/sessions/:sessionId/cancel',
    schema: {
      summary: "Cancel one planned session (status 'cancelled'; kiosks receive it)",
      tags,
      params: ulidParams('sessionId'),
      response: { 200: one, ...errorResponses },
    },
  },
} as const;
