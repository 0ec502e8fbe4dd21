import { beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import { call } from '../testing/test-server';
import { createUser } from './users';

describe.each(testStoreKinds())('coordinators sign in on %s', (kind) => {
  const t = serverForSuite(kind);
  beforeAll(async () => {
    await createUser(t.server.store.db, {
      email: 'Laura@Comune.it',
      name: 'Laura',
      role: 'coordinator',
      hubIds: [],
      password: 'giusta-e-lunga',
    });
  });

  it('refuses a wrong password and an unknown email with the same message', async () => {
    const wrong = await call(`${t.url}/api/auth/login`, {
      body: { email: 'laura@comune.it', password: 'no' },
    });
    const unknown = await call(`${t.url}/api/auth/login`, {
      body: { email: 'chi@comune.it', password: 'no' },
    });
    expect(wrong).toEqual({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'email o password non corretti' } },
    });
    expect(unknown).toEqual(wrong);
  });

  it('refuses malformed input naming the field, without touching the store', async () => {
    const res = await call(`${t.url}/api/auth/login`, {
      body: { email: 'not-an-email', password: 'x', extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const sessions = await t.server.store.db.selectFrom('auth_sessions').selectAll().execute();
    expect(sessions).toEqual([]);
  });

  it('signs in (email in any case), keeps the session in an HttpOnly SameSite=Strict cookie, and signs out', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'LAURA@comune.it', password: 'giusta-e-lunga' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: unknown }).user).toMatchObject({
      email: 'laura@comune.it',
      role: 'coordinator',
      hubIds: [],
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0] as string;

    expect((await call(`${t.url}/api/auth/me`, { cookie })).body.user.name).toBe('Laura');
    // Only a hash of the cookie is stored.
    const stored = await t.server.store.db.selectFrom('auth_sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie.split('=')[1]);

    await call(`${t.url}/api/auth/logout`, { method: 'POST', cookie });
    expect((await call(`${t.url}/api/auth/me`, { cookie })).status).toBe(401);
  });

  it('refuses protected routes without a session', async () => {
    const res = await call(`${t.url}/api/city/overview`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});
