import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import { call, login } from '../testing/test-server';
import { createUser } from './users';

const TOKENS = '/api/admin/api-tokens';

describe.each(testStoreKinds())('read-only API tokens on %s', (kind) => {
  const t = serverForSuite(kind);
  let admin: string;
  let coordinator: string;
  const create = async (role: string, name = `integrazione ${role}`) =>
    call(`${t.url}${TOKENS}`, { cookie: admin, body: { name, role } });

  beforeAll(async () => {
    for (const role of ['admin', 'coordinator'] as const)
      await createUser(t.server.store.db, {
        email: `${role}@comune.it`,
        name: role,
        role,
        hubIds: [],
        password: 'una-password-lunga',
      });
    admin = await login(t.url, 'admin@comune.it', 'una-password-lunga');
    coordinator = await login(t.url, 'coordinator@comune.it', 'una-password-lunga');
  });

  it('reads what its role reads, and nothing its role may not', async () => {
    const viewer = await create('viewer');
    expect(viewer.status).toBe(200);
    expect(viewer.body.secret).toMatch(/^vgapi_[A-Za-z0-9_-]{43}$/);
    const coord = await create('coordinator');
    const overview = await call(`${t.url}/api/city/overview`, { bearer: viewer.body.secret });
    expect(overview.status).toBe(200);
    expect(Array.isArray(overview.body.hubs)).toBe(true);
    // content is for editors: a coordinator's token reads it, a viewer's does not
    expect((await call(`${t.url}/api/dashboard/content`, { bearer: coord.body.secret })).status).toBe(200);
    const refused = await call(`${t.url}/api/dashboard/content`, { bearer: viewer.body.secret });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    // personal data and the tokens themselves are beyond every token's role
    for (const secret of [viewer.body.secret, coord.body.secret]) {
      expect((await call(`${t.url}/api/dashboard/people?q=`, { bearer: secret })).status).toBe(403);
      expect((await call(`${t.url}${TOKENS}`, { bearer: secret })).status).toBe(403);
    }
    const listed = await call(`${t.url}${TOKENS}`, { cookie: admin });
    const used = listed.body.tokens.find((x: { id: string }) => x.id === viewer.body.token.id);
    expect(used.lastUsedAt).toBeGreaterThan(0);
  });

  it('never writes, whatever the route and the role', async () => {
    const { body } = await create('coordinator');
    const before = await t.server.store.db.selectFrom('documents').select('id').execute();
    const writes = [
      { method: 'POST', path: '/api/dashboard/content', body: {} },
      { method: 'DELETE', path: '/api/dashboard/content/01JAAAAAAAAAAAAAAAAAAAAAAA' },
      {
        method: 'POST',
        path: '/api/dashboard/devices/enrolment-codes',
        body: { hubId: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
      },
      { method: 'POST', path: TOKENS, body: { name: 'altro', role: 'viewer' } },
      { method: 'POST', path: '/api/updates/stable/rollout', body: { percentage: 50 } },
    ];
    for (const w of writes) {
      const res = await call(`${t.url}${w.path}`, { method: w.method, body: w.body, bearer: body.secret });
      expect({ ...w, status: res.status, code: res.body.error?.code }).toEqual({
        ...w,
        status: 403,
        code: 'forbidden',
      });
    }
    expect(await t.server.store.db.selectFrom('documents').select('id').execute()).toEqual(before);
    const tokens = await call(`${t.url}${TOKENS}`, { cookie: admin });
    expect(tokens.body.tokens.some((x: { name: string }) => x.name === 'altro')).toBe(false);
  });

  it('stops working once revoked', async () => {
    const { body } = await create('viewer', 'da revocare');
    expect((await call(`${t.url}/api/city/overview`, { bearer: body.secret })).status).toBe(200);
    const revoked = await call(`${t.url}${TOKENS}/${body.token.id}`, { method: 'DELETE', cookie: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.token.revokedAt).toBeGreaterThan(0);
    const refused = await call(`${t.url}/api/city/overview`, { bearer: body.secret });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    // an unknown token is refused the same way
    expect((await call(`${t.url}/api/city/overview`, { bearer: `${body.secret}x` })).status).toBe(401);
  });

  it('keeps only the hash of the secret', async () => {
    const { body } = await create('viewer', 'hash');
    const row = await t.server.store.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', body.token.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(body.secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(body.secret.slice(6));
    // the list never shows a secret again
    const listed = await call(`${t.url}${TOKENS}`, { cookie: admin });
    expect(JSON.stringify(listed.body)).not.toContain(body.secret.slice(6));
  });

  it('is managed by the admin only, with a role a token may have', async () => {
    expect((await call(`${t.url}${TOKENS}`, { cookie: coordinator })).status).toBe(403);
    const byCoordinator = await call(`${t.url}${TOKENS}`, {
      cookie: coordinator,
      body: { name: 'x', role: 'viewer' },
    });
    expect(byCoordinator.status).toBe(403);
    for (const role of ['admin', 'hub_lead', 'root']) {
      const res = await create(role);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const missing = await call(`${t.url}${TOKENS}/01JAAAAAAAAAAAAAAAAAAAAAAA`, {
      method: 'DELETE',
      cookie: admin,
    });
    expect(missing.status).toBe(404);
  });
});
