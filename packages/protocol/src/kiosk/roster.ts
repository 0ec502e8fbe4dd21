import type { Enrolment } from '../collections/enrolments';
import type { AttendedTime } from '../programmes/hours';

/** A check-in or check-out of a participant at a session, as the facilitator's roster shows it. */
export interface KioskRosterEvent {
  /** the check-in's id: what "Annulla ingresso" names */
  id: string;
  direction: 'in' | 'out';
  /** the kiosk's clock, epoch ms */
  at: number;
  /** set when the event was annulled as a mistake (issue 18, item 5): it no longer counts */
  annulled?: { by: string; reason: string; at: number };
}

/**
 * One row of a session's roster on the kiosk: the enrolment, the participant's check-ins and check-outs at the
 * session (oldest first, annulled ones included and flagged), and what they attended by the session's times
 * (attendedTime(), annulled events left out).
 */
export type KioskRosterEntry = Enrolment & { events: KioskRosterEvent[]; attended: AttendedTime };
