import { beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import { call, login } from '../testing/test-server';
import { CSRF_COOKIE, CSRF_HEADER } from './csrf';
import { THROTTLE } from './lockout';
import { LOGIN_RATE_LIMIT } from './routes';
import { createUser } from './users';

describe.each(testStoreKinds())('auth hardening on %s', (kind) => {
  const t = serverForSuite(kind);
  beforeAll(async () => {
    for (const [email, role] of [
      ['anna@comune.it', 'coordinator'],
      ['bruno@comune.it', 'coordinator'],
    ] as const)
      await createUser(t.server.store.db, {
        email,
        name: email,
        role,
        hubIds: [],
        password: 'giusta-e-lunga',
      });
  });

  const loginRes = (email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    });

  it('refuses a change asked by a page of another site, and a browser request without the CSRF token', async () => {
    const res = await loginRes('anna@comune.it', 'giusta-e-lunga');
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] as string);
    const csrf = cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`))?.split('=')[1] as string;
    expect(csrf).toBeTruthy();
    const cookie = cookies.join('; ');
    const code = (headers: Record<string, string>) =>
      fetch(`${t.url}/api/dashboard/content-images`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ mediaType: 'image/png', dataBase64: 'AAAAAAAAAAAA' }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error: { message: string } } }));
    const crossSite = await code({
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
      [CSRF_HEADER]: csrf,
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.message).toBe('richiesta da un altro sito rifiutata');
    const noToken = await code({ origin: t.url, 'sec-fetch-site': 'same-origin' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.message).toContain('CSRF');
    const wrongToken = await code({
      origin: t.url,
      'sec-fetch-site': 'same-origin',
      [CSRF_HEADER]: 'x'.repeat(csrf.length),
    });
    expect(wrongToken.status).toBe(403);
    // With the token the request passes the guard (and fails later, on the fake image: 400, not 403).
    const withToken = await code({ origin: t.url, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: csrf });
    expect(withToken.status).toBe(400);
    const crossLogin = await loginRes('anna@comune.it', 'giusta-e-lunga', { 'sec-fetch-site': 'cross-site' });
    expect(crossLogin.status).toBe(403);
  });

  it('slows a guesser with growing delays (429 + Retry-After), even against the right password from there', async () => {
    for (let i = 0; i < THROTTLE.pairFreeFailures; i++)
      expect(
        (await call(`${t.url}/api/auth/login`, { body: { email: 'bruno@comune.it', password: 'sbagliata' } }))
          .status,
      ).toBe(401);
    // the first failure past the free ones earns a delay
    expect(
      (await call(`${t.url}/api/auth/login`, { body: { email: 'bruno@comune.it', password: 'sbagliata' } }))
        .status,
    ).toBe(401);
    const held = await loginRes('bruno@comune.it', 'giusta-e-lunga');
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await held.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('riprova tra'),
    });
    expect(await login(t.url, 'anna@comune.it', 'giusta-e-lunga')).toMatch(/^vg_session=/);
  });

  it(`limits login attempts per address to ${LOGIN_RATE_LIMIT.max} a minute`, async () => {
    let status = 0;
    for (let i = 0; i <= LOGIN_RATE_LIMIT.max && status !== 429; i++)
      status = (
        await call(`${t.url}/api/auth/login`, { body: { email: `nessuno${i}@comune.it`, password: 'x' } })
      ).status;
    expect(status).toBe(429);
  });
});
