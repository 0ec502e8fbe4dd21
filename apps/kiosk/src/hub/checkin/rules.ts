import type { Session } from '@vigevano/protocol';

/** The card's last presence event at this hub today, if any. */
export interface LastEvent {
  direction: 'in' | 'out';
  deviceTime: number;
  sessionId?: string;
}

export interface ScanFacts {
  usesCheckout: boolean;
  /** a second scan within this time after a check-in is a repeat, not a new event */
  repeatWindowMs: number;
  now: number;
  revoked: boolean;
  last?: LastEvent;
  /** the session the kiosk is checking people into, with who is in it already */
  session?: { session: Session; present: number; cardIsIn: boolean };
}

export type ScanDecision =
  | { code: 'accepted'; direction: 'in' }
  | { code: 'checked_out'; direction: 'out' }
  | { code: 'already_checked_in' }
  | { code: 'revoked' }
  | { code: 'session_closed' }
  | { code: 'session_full' };

/**
 * What a check-in means, for every kind: a scanned or typed card, and a guest (no card: `revoked` false and no
 * `last`, so only the session's rules can refuse). Pure: the hub service gathers the facts from the database and records what
 * this decides. Order matters: a revoked card is refused whatever else is true; a session refuses before the
 * hub's own repeat/check-out rules apply.
 */
export function decideScan(facts: ScanFacts): ScanDecision {
  if (facts.revoked) return { code: 'revoked' };
  const { session, last } = facts;
  if (session) {
    if (session.cardIsIn) return { code: 'already_checked_in' };
    if (session.session.status === 'closed' || session.session.status === 'cancelled')
      return { code: 'session_closed' };
    if (session.session.capacity > 0 && session.present >= session.session.capacity)
      return { code: 'session_full' };
    // Joining a session counts even right after entering the hub: it is a different thing to record.
    return { code: 'accepted', direction: 'in' };
  }
  if (last?.direction === 'in') {
    if (facts.now - last.deviceTime < facts.repeatWindowMs) return { code: 'already_checked_in' };
    if (facts.usesCheckout) return { code: 'checked_out', direction: 'out' };
  }
  return { code: 'accepted', direction: 'in' };
}
