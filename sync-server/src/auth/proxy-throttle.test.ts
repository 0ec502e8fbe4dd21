import { beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import type { TestServer } from '../testing/test-server';
import { createUser } from './users';

// Issue 13, item 5, over real HTTP: the address throttling counts is the peer's unless the peer is a proxy named in
// TRUST_PROXY; and an attacker's failures never keep the admin, at another address, out.

const ADMIN = { email: 'admin@comune.it', password: 'giusta-e-lunga' };

function loginFrom(url: string, body: { email: string; password: string }, forwardedFor?: string) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify(body),
  });
}

async function withAdmin(t: TestServer): Promise<void> {
  await createUser(t.server.store.db, { ...ADMIN, name: 'Admin', role: 'admin', hubIds: [] });
}

describe.each(testStoreKinds())('login throttling through proxies on %s', (kind) => {
  describe('a client that is not a trusted proxy', () => {
    // the proxy is elsewhere: this test's own requests come from loopback, a stranger's peer address
    const t = serverForSuite(kind, { env: { TRUST_PROXY: '10.9.9.9' } });
    beforeAll(async () => {
      await withAdmin(t);
    });

    it('cannot escape throttling with a forged X-Forwarded-For: 200 guesses get 429s', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) {
        const res = await loginFrom(
          t.url,
          { email: ADMIN.email, password: `tentativo-${i}` },
          `198.51.100.${i % 250}`,
        );
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      const refused = statuses.filter((s) => s === 429).length;
      expect(statuses.filter((s) => s === 200)).toEqual([]);
      // a handful of free tries, then everything is held back
      expect(refused).toBeGreaterThan(190);
    });
  });

  describe('behind a trusted proxy', () => {
    const t = serverForSuite(kind, { env: { TRUST_PROXY: '127.0.0.1/8,::1' } });
    beforeAll(async () => {
      await withAdmin(t);
    });

    it("uses the forwarded address: the attacker's failures do not stop the admin at another address", async () => {
      const attacker = '203.0.113.7';
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await loginFrom(t.url, { email: ADMIN.email, password: `tentativo-${i}` }, attacker);
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
      expect(statuses.slice(4).every((s) => s === 429)).toBe(true);
      // even the right password waits at the attacker's address…
      const attackerRight = await loginFrom(t.url, ADMIN, attacker);
      expect(attackerRight.status).toBe(429);
      expect(Number(attackerRight.headers.get('retry-after'))).toBeGreaterThan(0);
      // …while the admin, forwarded from another address, gets in at once
      const admin = await loginFrom(t.url, ADMIN, '198.51.100.20');
      expect(admin.status).toBe(200);
      expect(admin.headers.getSetCookie().some((c) => c.startsWith('vg_session='))).toBe(true);
    });
  });
});
