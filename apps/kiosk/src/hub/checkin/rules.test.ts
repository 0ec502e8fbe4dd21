import type { Session } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { decideScan, type ScanFacts } from './rules';

const MIN = 60_000;
const base: ScanFacts = { usesCheckout: false, repeatWindowMs: 10 * MIN, now: 100 * MIN, revoked: false };
const session = (overrides: Partial<Session> = {}) =>
  ({ id: 'S', title: 'Italiano', status: 'open', capacity: 2, ...overrides }) as Session;

describe('scan rules', () => {
  it('accepts a first scan', () => {
    expect(decideScan(base)).toEqual({ code: 'accepted', direction: 'in' });
  });

  it('refuses a revoked card before anything else', () => {
    expect(
      decideScan({ ...base, revoked: true, session: { session: session(), present: 0, cardIsIn: false } }),
    ).toEqual({
      code: 'revoked',
    });
  });

  it('calls a second scan within the window a repeat, in hubs with and without check-out', () => {
    const last = { direction: 'in' as const, deviceTime: 95 * MIN };
    expect(decideScan({ ...base, last })).toEqual({ code: 'already_checked_in' });
    expect(decideScan({ ...base, usesCheckout: true, last })).toEqual({ code: 'already_checked_in' });
  });

  it('checks out on a later scan where the hub uses check-out, else records a new visit', () => {
    const last = { direction: 'in' as const, deviceTime: 50 * MIN };
    expect(decideScan({ ...base, usesCheckout: true, last })).toEqual({
      code: 'checked_out',
      direction: 'out',
    });
    expect(decideScan({ ...base, last })).toEqual({ code: 'accepted', direction: 'in' });
  });

  it('checks in again after a check-out, even right after it', () => {
    const last = { direction: 'out' as const, deviceTime: 99 * MIN };
    expect(decideScan({ ...base, usesCheckout: true, last })).toEqual({ code: 'accepted', direction: 'in' });
  });

  it('applies the session: closed, cancelled, full, already in, or accepted', () => {
    const s = (o: Partial<Session>, present = 0, cardIsIn = false) => ({
      ...base,
      session: { session: session(o), present, cardIsIn },
    });
    expect(decideScan(s({ status: 'closed' }))).toEqual({ code: 'session_closed' });
    expect(decideScan(s({ status: 'cancelled' }))).toEqual({ code: 'session_closed' });
    expect(decideScan(s({}, 2))).toEqual({ code: 'session_full' });
    expect(decideScan(s({ capacity: 0 }, 500))).toEqual({ code: 'accepted', direction: 'in' });
    expect(decideScan(s({}, 2, true))).toEqual({ code: 'already_checked_in' });
    // Entered the hub a minute ago, now joins the lesson: that is recorded.
    expect(decideScan({ ...s({}), last: { direction: 'in', deviceTime: 99 * MIN } })).toEqual({
      code: 'accepted',
      direction: 'in',
    });
  });
});
