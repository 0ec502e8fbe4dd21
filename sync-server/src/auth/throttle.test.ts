import { describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { storeForSuite } from '../testing/suite';
import { backoffMs, clearLoginFailures, loginRetryAfterMs, recordLoginFailure, THROTTLE } from './lockout';

// The throttling rules of lockout.ts on a real store, with the clock given: growing delays per account and
// address, the address's own limit, the account ceiling, and no lockout a stranger can impose on another address.

const T0 = Date.UTC(2026, 10, 29, 12);

describe('backoffMs', () => {
  it('is free for the first failures, then doubles from 1 s up to the ceiling', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, 3))).toEqual([0, 0, 0, 0]);
    expect([4, 5, 6, 7].map((n) => backoffMs(n, 3))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(1000, 3)).toBe(THROTTLE.maxDelayMs);
    expect(backoffMs(1, 0)).toBe(1000);
  });
});

describe.each(testStoreKinds())('login throttling on %s', (kind) => {
  const opened = storeForSuite(kind);

  it('holds back one address for one account with delays that grow with each failure', async () => {
    const { db } = opened.store;
    const attacker = { email: 'admin@comune.it', address: '203.0.113.7' };
    let now = T0;
    for (let i = 0; i < THROTTLE.pairFreeFailures; i++) {
      expect(await loginRetryAfterMs(db, attacker, now)).toBeNull();
      await recordLoginFailure(db, attacker, now);
    }
    expect(await loginRetryAfterMs(db, attacker, now)).toBeNull();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await recordLoginFailure(db, attacker, now);
      const wait = (await loginRetryAfterMs(db, attacker, now)) as number;
      waits.push(wait);
      now += wait; // the attacker waits exactly as told, then fails again
      expect(await loginRetryAfterMs(db, attacker, now)).toBeNull();
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000]);
    // the real admin at another address: never held back, and one typo costs nothing
    const admin = { email: 'admin@comune.it', address: '198.51.100.20' };
    expect(await loginRetryAfterMs(db, admin, now)).toBeNull();
    await recordLoginFailure(db, admin, now);
    expect(await loginRetryAfterMs(db, admin, now)).toBeNull();
    // a success forgets that address's failures, not the attacker's
    await clearLoginFailures(db, attacker);
    await recordLoginFailure(db, attacker, now);
    expect(await loginRetryAfterMs(db, attacker, now)).toBeNull();
  });

  it('holds back an address spraying many accounts', async () => {
    const { db } = opened.store;
    const address = '203.0.113.99';
    for (let i = 0; i < THROTTLE.addressFreeFailures; i++)
      await recordLoginFailure(db, { email: `u${i}@comune.it`, address }, T0);
    expect(await loginRetryAfterMs(db, { email: 'nuovo@comune.it', address }, T0)).toBeNull();
    await recordLoginFailure(db, { email: 'ancora@comune.it', address }, T0);
    expect(await loginRetryAfterMs(db, { email: 'nuovo@comune.it', address }, T0)).toBe(1000);
  });

  it('past the account ceiling (a distributed attack) gives no free failures, yet never blocks a new address', async () => {
    const { db } = opened.store;
    const email = 'sindaco@comune.it';
    for (let i = 0; i < THROTTLE.accountCeiling; i++)
      await recordLoginFailure(db, { email, address: `10.1.${Math.floor(i / 250)}.${i % 250}` }, T0);
    const admin = { email, address: '192.0.2.1' };
    expect(await loginRetryAfterMs(db, admin, T0)).toBeNull();
    await recordLoginFailure(db, admin, T0);
    expect(await loginRetryAfterMs(db, admin, T0)).toBe(1000);
  });

  it('forgets failures after an hour without one', async () => {
    const { db } = opened.store;
    const who = { email: 'dimentica@comune.it', address: '203.0.113.50' };
    for (let i = 0; i <= THROTTLE.pairFreeFailures; i++) await recordLoginFailure(db, who, T0);
    expect(await loginRetryAfterMs(db, who, T0)).toBe(1000);
    const later = T0 + THROTTLE.forgetAfterMs + 1;
    await recordLoginFailure(db, who, later);
    expect(await loginRetryAfterMs(db, who, later)).toBeNull();
  });
});
