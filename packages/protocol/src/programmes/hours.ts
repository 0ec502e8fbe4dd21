import type { ATTENDANCE_MARKS } from '../collections/enrolments';

/** One presence event of a participant at a session, as the kiosk recorded it (annulled ones already removed). */
export interface PresenceEvent {
  direction: 'in' | 'out';
  /** epoch ms */
  at: number;
}

/** A participant's attendance at one session, as its roster (enrolment) says. */
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];

/** What one participant attended of one session. Minutes are whole minutes, rounded down. */
export interface AttendedTime {
  /** minutes inside the session's times the participant was there; 0 when absent, excused or unknown */
  minutes: number;
  /** first entry, epoch ms, when a check-in recorded one; null when marked present by hand */
  inAt: number | null;
  /** last exit, epoch ms, when a check-out recorded one; null otherwise (counted to the session's end) */
  outAt: number | null;
  /** arrived more than the grace period after the session started */
  late: boolean;
  /** left more than the grace period before the session ended */
  leftEarly: boolean;
}

/** Arriving or leaving within this many minutes of the session's times is on time (a register's usual tolerance). */
export const ATTENDANCE_GRACE_MINUTES = 10;

const MINUTE = 60_000;

/**
 * The time one participant attended one session (issue 18, item 4): the session's own times, cut by the
 * participant's first check-in and (where the hub uses check-out) last check-out. A participant marked present by a
 * facilitator with no check-in attended the whole session; absent, excused and unknown attended nothing, whatever
 * was scanned (the roster is the facilitator's word). Events outside the session's times are clamped to them: coming
 * early does not add hours, staying late neither.
 *
 * @param session the session's times, epoch ms (`endsAt` after `startsAt`)
 * @param mark the roster's attendance for the participant; a check-in at the session counts as present
 * @param events the participant's check-ins and check-outs at this session, any order, annulled ones left out
 * @param usesCheckout whether the hub records check-outs; when false, `out` events are ignored
 */
export function attendedTime(
  session: { startsAt: number; endsAt: number },
  mark: AttendanceMark,
  events: readonly PresenceEvent[],
  usesCheckout: boolean,
): AttendedTime {
  const none: AttendedTime = { minutes: 0, inAt: null, outAt: null, late: false, leftEarly: false };
  const ins = events.filter((e) => e.direction === 'in').map((e) => e.at);
  const outs = usesCheckout ? events.filter((e) => e.direction === 'out').map((e) => e.at) : [];
  const present = mark === 'present' || (mark === 'unknown' && ins.length > 0);
  if (!present || session.endsAt <= session.startsAt) return none;
  const inAt = ins.length > 0 ? Math.min(...ins) : null;
  const lastOut = outs.length > 0 ? Math.max(...outs) : null;
  // A check-out before the first check-in belongs to an earlier stay; it does not end this one.
  const outAt = lastOut !== null && (inAt === null || lastOut > inAt) ? lastOut : null;
  const from = Math.max(session.startsAt, inAt ?? session.startsAt);
  const to = Math.min(session.endsAt, outAt ?? session.endsAt);
  const grace = ATTENDANCE_GRACE_MINUTES * MINUTE;
  return {
    minutes: to > from ? Math.floor((to - from) / MINUTE) : 0,
    inAt,
    outAt,
    late: inAt !== null && inAt > session.startsAt + grace,
    leftEarly: outAt !== null && outAt < session.endsAt - grace,
  };
}
