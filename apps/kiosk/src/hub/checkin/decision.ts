import type { Session } from '@vigevano/protocol';

/** The card's last presence event at this hub today, if any. */
export interface LastEvent {
  direction: 'in' | 'out';
  deviceTime: number;
  sessionId?: string;
}

/** What this kiosk knows of a card. */
export interface CardState {
  /** the kiosk holds the card's document (issued here or synced from the server) */
  known: boolean;
  revoked: boolean;
  /** the card's issuing kiosk has been revoked (its key may have been stolen) */
  issuerRevoked: boolean;
}

/** A session being checked into, with who holds a seat in it already. */
export interface SessionFacts {
  session: Pick<Session, 'status' | 'capacity'>;
  /**
   * seats taken: cards checked in or marked present by hand (once each; a card marked absent afterwards frees its
   * seat), plus each guest
   */
  present: number;
  /** the card (if any) has checked in to this session already: a second time is a repeat */
  cardCheckedIn: boolean;
  /** the card (if any) holds one of the `present` seats: it needs no new one */
  cardSeated: boolean;
}

/**
 * The facts one decision needs; the hub service reads them from the database. `kind` is how the presence is
 * recorded:
 * - `card`: a QR card read by the camera or a USB scanner (the signature was verified before);
 * - `typed_code`: the card id typed by the visitor (no signature: only a card this kiosk holds counts);
 * - `guest`: a visitor without a card, counted by category;
 * - `manual`: a facilitator marks someone on a session's roster present, absent or excused by hand;
 * - `closing`: the automatic check-out at the hub's closing time.
 */
export type CheckinFacts = {
  /** Unix ms, the kiosk's clock */
  now: number;
  hub: {
    usesCheckout: boolean;
    /** a second scan within this time (ms) after a check-in is a repeat, not a new event */
    repeatWindowMs: number;
  };
  session?: SessionFacts;
} & (
  | {
      kind: 'card' | 'typed_code';
      card: CardState;
      last?: LastEvent;
      /** `out`: the visitor tapped "I am leaving" first (only offered at a hub that uses check-out) */
      intent?: 'out';
    }
  | { kind: 'guest' }
  | { kind: 'manual'; attendance: 'present' | 'absent' | 'excused' }
  | { kind: 'closing'; last?: LastEvent }
);

/** Why a check-in is refused: the codes are CheckinCode values the kiosk answers with. */
type CheckinRefusal =
  | 'invalid'
  | 'not_checked_in'
  | 'unknown_issuer'
  | 'revoked'
  | 'already_checked_in'
  | 'session_closed'
  | 'session_full';

export type CheckinDecision =
  | { code: 'accepted'; direction: 'in' }
  | { code: 'checked_out'; direction: 'out' }
  /**
   * no check-in event to record: a closing time finding the card already out, or a mark absent (the roster
   * change itself is still written)
   */
  | { code: 'nothing' }
  | { code: CheckinRefusal };

/**
 * The one decision for every kind of check-in (the `kind` of its facts). Pure: the hub service gathers the facts and
 * records what this decides. Order matters, first match wins:
 * 1. the card: a typed code of a card this kiosk does not hold is `invalid`; a card of a revoked kiosk is
 *    `unknown_issuer` unless the kiosk knew it before; a revoked card is refused whatever else is true;
 * 2. "I am leaving" (intent `out`): a card whose last event today is a check-in is checked out, even within the
 *    repeat window and whatever session the kiosk checks into; any other is `not_checked_in`. A hub that does not
 *    use check-out has no such action: a RangeError;
 * 3. the session: a card already checked in to it is `already_checked_in`; a closed or cancelled session is
 *    `session_closed`; with `capacity` > 0, a session whose seats are all taken (by others) is `session_full`. A facilitator's
 *    mark follows the same capacity rule (no overruling: capacity is the room's); a closed or cancelled session's
 *    roster is final at the kiosk (issue 16: closed sessions are read-only), so a mark on it is refused too;
 * 4. the hub: a second card event within the repeat window after a check-in is `already_checked_in`; after it, a
 *    hub that uses check-out checks the card out, another records a new visit.
 * There is no opening-hours rule: a kiosk takes check-ins whenever it is on, and the closing time checks out.
 *
 * A card held still in front of the camera is not decided again: the kiosk's scanner reports the same text once
 * while it stays in sight, and once more only after it has been out of sight for a while after its answer closed
 * (apps/kiosk/src/ui/scanner/scan-dedupe.ts). A time rule here could only delay the toggle of a card that stays
 * in front of the camera, never prevent it: only the scanner knows the card is still there.
 */
export function decideCheckin(facts: CheckinFacts): CheckinDecision {
  if (facts.kind === 'closing') {
    return facts.hub.usesCheckout && facts.last?.direction === 'in'
      ? { code: 'checked_out', direction: 'out' }
      : { code: 'nothing' };
  }
  if (facts.kind === 'card' || facts.kind === 'typed_code') {
    const { card } = facts;
    if (!card.known && facts.kind === 'typed_code') return { code: 'invalid' };
    if (!card.known && card.issuerRevoked) return { code: 'unknown_issuer' };
    if (card.revoked) return { code: 'revoked' };
    if (facts.intent === 'out') {
      if (!facts.hub.usesCheckout) throw new RangeError('this hub does not record check-outs');
      return facts.last?.direction === 'in'
        ? { code: 'checked_out', direction: 'out' }
        : { code: 'not_checked_in' };
    }
  }
  const { session } = facts;
  if (facts.kind === 'manual') {
    if (!session) throw new RangeError('a mark by hand needs a session');
    if (session.session.status === 'closed' || session.session.status === 'cancelled')
      return { code: 'session_closed' };
    // Marking absent (or excused: away too) frees a seat; someone already seated keeps theirs.
    if (facts.attendance !== 'present') return { code: 'nothing' };
    return seatTaken(session) ? { code: 'session_full' } : { code: 'accepted', direction: 'in' };
  }
  if (session) {
    if (session.cardCheckedIn) return { code: 'already_checked_in' };
    if (session.session.status === 'closed' || session.session.status === 'cancelled')
      return { code: 'session_closed' };
    if (seatTaken(session)) return { code: 'session_full' };
    // Joining a session counts even right after entering the hub: it is a different thing to record.
    return { code: 'accepted', direction: 'in' };
  }
  if (facts.kind === 'guest') return { code: 'accepted', direction: 'in' };
  const { last, hub, now } = facts;
  if (last?.direction === 'in') {
    if (now - last.deviceTime < hub.repeatWindowMs) return { code: 'already_checked_in' };
    if (hub.usesCheckout) return { code: 'checked_out', direction: 'out' };
  }
  return { code: 'accepted', direction: 'in' };
}

/** Every seat is taken and the card holds none of them; capacity 0 means no limit. */
function seatTaken({ session, present, cardSeated }: SessionFacts): boolean {
  return !cardSeated && session.capacity > 0 && present >= session.capacity;
}
