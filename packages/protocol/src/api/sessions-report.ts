import { type Static, Type } from 'typebox';
import { DayParam, HubIdParam, type HubOption } from './report-common';

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

export interface ActivitySummary {
  activity: string;
  hubId: string;
  hubName: string;
  targetGroup: string;
  /** closed, or open and already ended */
  held: number;
  planned: number;
  cancelled: number;
  /** roster entries of the sessions held */
  enrolled: number;
  /** of which marked present */
  present: number;
  /** present / enrolled over the sessions held; null when nobody was enrolled */
  attendanceRate: number | null;
  /** check-ins made for the sessions held (walk-ins included) */
  checkins: number;
}

export interface SessionReportRow {
  id: string;
  hubId: string;
  hubName: string;
  activity: string;
  title: string;
  kind: string;
  targetGroup: string;
  startsAt: number;
  endsAt: number;
  status: string;
  facilitator: string;
  capacity: number;
  enrolled: number;
  present: number;
  checkins: number;
  /** the facilitator's closing notes; absent for roles that see aggregates only */
  notes?: string;
}

export interface SessionsReport {
  query: { from: string; to: string; hub: string | null; activity: string | null };
  activities: ActivitySummary[];
  /** the sessions of the range, latest first (at most `limit`) */
  sessions: SessionReportRow[];
  limit: number;
  /** whether this user may open rosters and read notes */
  canSeeRoster: boolean;
  canSeeNotes: boolean;
  hubs: HubOption[];
  activityOptions: string[];
}

export interface RosterEntry {
  cardId: string;
  alias: string;
  walkIn: boolean;
  attendance: 'unknown' | 'present' | 'absent';
  /** the card checked in for this session */
  checkedIn: boolean;
}

export interface SessionRoster {
  session: SessionReportRow;
  roster: RosterEntry[];
}

export const sessionsReportRoutes = {
  get: { method: 'GET', path: '/api/dashboard/sessions' },
  /** admin and the hub's lead */
  roster: { method: 'GET', path: '/api/dashboard/sessions/:sessionId/roster' },
} as const;
