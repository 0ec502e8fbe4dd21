import { describe, expect, it } from 'vitest';
import {
  type CardState,
  type CheckinDecision,
  type CheckinFacts,
  decideCheckin,
  type SessionFacts,
} from './decision';

const MIN = 60_000;
const now = 100 * MIN;
const hub = { usesCheckout: false, repeatWindowMs: 10 * MIN };
const checkoutHub = { ...hub, usesCheckout: true };
const goodCard: CardState = { known: true, revoked: false, issuerRevoked: false };
const seats = (
  o: Partial<SessionFacts> & { status?: 'open' | 'closed' | 'cancelled'; capacity?: number } = {},
) => ({
  session: { status: o.status ?? 'open', capacity: o.capacity ?? 2 },
  present: o.present ?? 0,
  cardCheckedIn: o.cardCheckedIn ?? false,
  cardSeated: o.cardSeated ?? false,
});
const full = seats({ present: 2 });
const inAMinuteAgo = { direction: 'in' as const, deviceTime: now - MIN };
const inAnHourAgo = { direction: 'in' as const, deviceTime: now - 60 * MIN };

const card = (o: Partial<CardState> = {}, rest: Partial<CheckinFacts> = {}): CheckinFacts =>
  ({ kind: 'card', now, hub, card: { ...goodCard, ...o }, ...rest }) as CheckinFacts;
const typed = (o: Partial<CardState> = {}, rest: Partial<CheckinFacts> = {}): CheckinFacts =>
  ({ kind: 'typed_code', now, hub, card: { ...goodCard, ...o }, ...rest }) as CheckinFacts;
const guest = (rest: Partial<CheckinFacts> = {}): CheckinFacts =>
  ({ kind: 'guest', now, hub, ...rest }) as CheckinFacts;
const manual = (attendance: 'present' | 'absent', session: SessionFacts): CheckinFacts => ({
  kind: 'manual',
  attendance,
  now,
  hub,
  session,
});

const IN: CheckinDecision = { code: 'accepted', direction: 'in' };
const OUT: CheckinDecision = { code: 'checked_out', direction: 'out' };
const refused = (code: CheckinDecision['code']) => ({ code }) as CheckinDecision;

// Every kind of check-in × every reason to refuse (and the cases the reason must not touch). One row each.
const TABLE: Array<[string, CheckinFacts, CheckinDecision]> = [
  // a card read by camera or scanner
  ['card: first scan', card(), IN],
  ['card: unknown to the kiosk but validly signed', card({ known: false }), IN],
  [
    'card: of a revoked kiosk, unknown here',
    card({ known: false, issuerRevoked: true }),
    refused('unknown_issuer'),
  ],
  ['card: of a revoked kiosk, known before', card({ issuerRevoked: true }), IN],
  ['card: revoked', card({ revoked: true }), refused('revoked')],
  [
    'card: revoked, even into an open session',
    card({ revoked: true }, { session: seats() }),
    refused('revoked'),
  ],
  ['card: repeat within the window', card({}, { last: inAMinuteAgo }), refused('already_checked_in')],
  [
    'card: repeat within the window, hub with check-out',
    card({}, { hub: checkoutHub, last: inAMinuteAgo }),
    refused('already_checked_in'),
  ],
  ['card: later scan, hub with check-out', card({}, { hub: checkoutHub, last: inAnHourAgo }), OUT],
  ['card: later scan, hub without check-out', card({}, { last: inAnHourAgo }), IN],
  [
    'card: right after a check-out',
    card({}, { hub: checkoutHub, last: { direction: 'out', deviceTime: now - MIN } }),
    IN,
  ],
  ['card: into a session', card({}, { session: seats() }), IN],
  [
    'card: into a session right after entering the hub',
    card({}, { session: seats(), last: inAMinuteAgo }),
    IN,
  ],
  [
    'card: into a session twice',
    card({}, { session: seats({ cardCheckedIn: true }) }),
    refused('already_checked_in'),
  ],
  [
    'card: into a closed session',
    card({}, { session: seats({ status: 'closed' }) }),
    refused('session_closed'),
  ],
  [
    'card: into a cancelled session',
    card({}, { session: seats({ status: 'cancelled' }) }),
    refused('session_closed'),
  ],
  ['card: into a full session', card({}, { session: full }), refused('session_full')],
  [
    'card: into a full session, seated by hand already',
    card({}, { session: { ...full, cardSeated: true } }),
    IN,
  ],
  ['card: into a session without a limit', card({}, { session: seats({ capacity: 0, present: 500 }) }), IN],
  // "I am leaving" tapped before showing the card
  [
    'card, leaving: inside, within the repeat window',
    card({}, { hub: checkoutHub, last: inAMinuteAgo, intent: 'out' }),
    OUT,
  ],
  [
    'card, leaving: inside for an hour',
    card({}, { hub: checkoutHub, last: inAnHourAgo, intent: 'out' }),
    OUT,
  ],
  [
    'card, leaving: the kiosk checks into a session',
    card({}, { hub: checkoutHub, last: inAnHourAgo, intent: 'out', session: seats() }),
    OUT,
  ],
  [
    'card, leaving: already out',
    card({}, { hub: checkoutHub, last: { direction: 'out', deviceTime: now - MIN }, intent: 'out' }),
    refused('not_checked_in'),
  ],
  ['card, leaving: no event today', card({}, { hub: checkoutHub, intent: 'out' }), refused('not_checked_in')],
  [
    'card, leaving: revoked',
    card({ revoked: true }, { hub: checkoutHub, last: inAnHourAgo, intent: 'out' }),
    refused('revoked'),
  ],
  ['typed code, leaving: inside', typed({}, { hub: checkoutHub, last: inAMinuteAgo, intent: 'out' }), OUT],
  [
    'typed code, leaving: a card the kiosk does not hold',
    typed({ known: false }, { hub: checkoutHub, last: inAMinuteAgo, intent: 'out' }),
    refused('invalid'),
  ],
  // the card id typed by the visitor
  ['typed code: a card the kiosk holds', typed(), IN],
  ['typed code: a card the kiosk does not hold', typed({ known: false }), refused('invalid')],
  ['typed code: revoked', typed({ revoked: true }), refused('revoked')],
  ['typed code: repeat within the window', typed({}, { last: inAMinuteAgo }), refused('already_checked_in')],
  ['typed code: later, hub with check-out', typed({}, { hub: checkoutHub, last: inAnHourAgo }), OUT],
  [
    'typed code: into a closed session',
    typed({}, { session: seats({ status: 'closed' }) }),
    refused('session_closed'),
  ],
  ['typed code: into a full session', typed({}, { session: full }), refused('session_full')],
  [
    'typed code: into a session twice',
    typed({}, { session: seats({ cardCheckedIn: true }) }),
    refused('already_checked_in'),
  ],
  // a guest without a card
  ['guest: at the hub', guest(), IN],
  ['guest: at a hub with check-out (never checked out)', guest({ hub: checkoutHub }), IN],
  ['guest: into a session', guest({ session: seats() }), IN],
  [
    'guest: into a closed session',
    guest({ session: seats({ status: 'closed' }) }),
    refused('session_closed'),
  ],
  [
    'guest: into a cancelled session',
    guest({ session: seats({ status: 'cancelled' }) }),
    refused('session_closed'),
  ],
  ['guest: into a full session', guest({ session: full }), refused('session_full')],
  // a facilitator's mark on the roster
  ['manual: present, seats left', manual('present', seats({ present: 1 })), IN],
  ['manual: present into a full session', manual('present', full), refused('session_full')],
  ['manual: present, already seated in a full session', manual('present', { ...full, cardSeated: true }), IN],
  [
    'manual: present, a closed session (its roster is final)',
    manual('present', seats({ status: 'closed' })),
    refused('session_closed'),
  ],
  [
    'manual: absent, a closed session (its roster is final)',
    manual('absent', seats({ status: 'closed' })),
    refused('session_closed'),
  ],
  [
    'manual: present, a cancelled session',
    manual('present', seats({ status: 'cancelled' })),
    refused('session_closed'),
  ],
  ['manual: absent in a full session frees a seat', manual('absent', full), { code: 'nothing' }],
  [
    'manual: absent, a cancelled session',
    manual('absent', seats({ status: 'cancelled' })),
    refused('session_closed'),
  ],
  // the automatic check-out at closing time
  ['closing: inside, hub with check-out', { kind: 'closing', now, hub: checkoutHub, last: inAnHourAgo }, OUT],
  [
    'closing: inside for a minute, hub with check-out',
    { kind: 'closing', now, hub: checkoutHub, last: inAMinuteAgo },
    OUT,
  ],
  [
    'closing: already out',
    { kind: 'closing', now, hub: checkoutHub, last: { direction: 'out', deviceTime: now - MIN } },
    { code: 'nothing' },
  ],
  ['closing: hub without check-out', { kind: 'closing', now, hub, last: inAnHourAgo }, { code: 'nothing' }],
];

describe('the check-in decision', () => {
  it.each(TABLE)('%s', (_name, facts, expected) => {
    expect(decideCheckin(facts)).toEqual(expected);
  });

  it('refuses a full session the same way whoever records the check-in, unless the person holds a seat', () => {
    const kinds: CheckinFacts[] = [
      card({}, { session: full }),
      typed({}, { session: full }),
      guest({ session: full }),
      manual('present', full),
    ];
    expect(kinds.map((f) => decideCheckin(f).code)).toEqual([
      'session_full',
      'session_full',
      'session_full',
      'session_full',
    ]);
  });

  it('has no "I am leaving" at a hub that does not record check-outs', () => {
    expect(() => decideCheckin(card({}, { last: inAnHourAgo, intent: 'out' }))).toThrow(
      /does not record check-outs/,
    );
  });

  it('needs a session for a mark by hand', () => {
    expect(() => decideCheckin({ kind: 'manual', attendance: 'present', now, hub } as CheckinFacts)).toThrow(
      RangeError,
    );
  });
});
