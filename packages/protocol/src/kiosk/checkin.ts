import type { Language } from '../languages';

/** Every answer a kiosk gives to a scan: the code is for programs, the message for the visitor. */
export const CHECKIN_CODES = [
  'accepted',
  'already_checked_in',
  'checked_out',
  /** "I am leaving" with a card that is not inside the hub today: nothing to record */
  'not_checked_in',
  'invalid',
  'bad_signature',
  'unknown_issuer',
  'revoked',
  'session_closed',
  'session_full',
  'error',
] as const;
export type CheckinCode = (typeof CHECKIN_CODES)[number];

export interface CheckinAnswer {
  code: CheckinCode;
  /** in `language`, ready to show and to speak */
  message: string;
  /** the card's language when the card could be read, else the kiosk's */
  language: Language;
  alias?: string;
  cardId?: string;
  /** the session the visitor was checked into (or refused from) */
  session?: { id: string; title: string };
  /** the stored check-in event, when one was stored */
  checkinId?: string;
  direction?: 'in' | 'out';
}

/**
 * What the visitor said before showing the card: `out` is the kiosk's "I am leaving" action, at a hub that
 * records check-outs. Without it, a card scan toggles (in, then out after the repeat window).
 */
export type ScanIntent = 'out';

/** Where a scanned text came from. */
export type ScanSource = 'camera' | 'scanner' | 'manual';

/**
 * A second scan of the same card at a hub within this time (ms) after its check-in is a repeat, not a new visit:
 * the kiosk answers "already checked in", and the server counts one visit when two kiosks offline at the same
 * time both took it (sync-server/src/reports/duplicates.ts). It is the default: a hub document sets its own
 * (`repeatScanWindowMs`, hub schema 1), which the kiosk uses; the server's duplicate count keeps this one.
 */
export const REPEAT_SCAN_WINDOW_MS = 10 * 60_000;
