import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import { call, login } from '../testing/test-server';
import { createUser } from './users';

const STRONG = 'Piazza-Ducale-Bramante';

describe.each(testStoreKinds())('TOTP second factor on %s', (kind) => {
  const t = serverForSuite(kind);
  const signIn = (email: string, code?: string) =>
    call(`${t.url}/api/auth/login`, { body: { email, password: STRONG, ...(code ? { code } : {}) } });

  beforeAll(async () => {
    for (const [email, role] of [
      ['admin@comune.it', 'admin'],
      ['altro.admin@comune.it', 'admin'],
      ['coord@comune.it', 'coordinator'],
    ] as const)
      await createUser(t.server.store.db, { email, name: email, role, hubIds: [], password: STRONG });
  });

  it('is enrolled with a code from the app, then asked for at every sign-in', async () => {
    const cookie = await login(t.url, 'coord@comune.it', STRONG);
    const started = await call(`${t.url}/api/account/totp/start`, { method: 'POST', cookie });
    expect(started.status).toBe(200);
    expect(started.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*coord%40comune\.it.*secret=/);
    expect(started.body.qrSvg).toMatch(/^<svg/);
    const { secret } = started.body;
    // not yet confirmed: signing in asks for nothing more
    expect((await signIn('coord@comune.it')).status).toBe(200);
    const wrong = await call(`${t.url}/api/account/totp/confirm`, { cookie, body: { code: '000000' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/codice non è corretto/);
    expect((await signIn('coord@comune.it')).status).toBe(200);
    const confirmed = await call(`${t.url}/api/account/totp/confirm`, {
      cookie,
      body: { code: await generate({ secret }) },
    });
    expect(confirmed.status).toBe(200);

    const asked = await signIn('coord@comune.it');
    expect(asked.status).toBe(401);
    expect(asked.body.error.code).toBe('totp_required');
    const badCode = await signIn('coord@comune.it', '123456');
    expect(badCode.status).toBe(401);
    expect(badCode.body.error.message).toMatch(/codice/);
    const good = await signIn('coord@comune.it', await generate({ secret }));
    expect(good.status).toBe(200);
    const audit = await t.server.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'user.totp_enable')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('when the city requires it, an admin without TOTP can only enrol', async () => {
    const admin = await login(t.url, 'admin@comune.it', STRONG);
    const other = await login(t.url, 'altro.admin@comune.it', STRONG);
    const coord = (await signIn('coord@comune.it')).status;
    expect(coord).toBe(401); // enrolled in the test above: the coordinator needs a code anyway
    const set = await call(`${t.url}/api/admin/security`, {
      method: 'PUT',
      cookie: admin,
      body: { totpRequiredForAdmins: true },
    });
    expect(set.body).toEqual({ totpRequiredForAdmins: true });

    const me = await call(`${t.url}/api/auth/me`, { cookie: other });
    expect(me.body.mustEnrolTotp).toBe(true);
    const blocked = await call(`${t.url}/api/admin/staff`, { cookie: other });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toMatch(/verifica in due passaggi/);
    const started = await call(`${t.url}/api/account/totp/start`, { method: 'POST', cookie: other });
    await call(`${t.url}/api/account/totp/confirm`, {
      cookie: other,
      body: { code: await generate({ secret: started.body.secret }) },
    });
    expect((await call(`${t.url}/api/admin/staff`, { cookie: other })).status).toBe(200);
    expect((await call(`${t.url}/api/auth/me`, { cookie: other })).body.mustEnrolTotp).toBe(false);
    // the setting changes nothing for other roles, and it is audited
    const actions = await t.server.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'settings.totp_required')
      .execute();
    expect(actions).toHaveLength(1);
  });

  it('an admin removes the authenticator of someone who lost their phone: sessions end, enrolment asked again', async () => {
    // the city still requires TOTP for admins (test above): both admins enrol, each in a session of their own
    const enrolled = async (email: string) => {
      const created = await createUser(t.server.store.db, {
        email,
        name: email,
        role: 'admin',
        hubIds: [],
        password: STRONG,
      });
      const cookie = await login(t.url, email, STRONG);
      const started = await call(`${t.url}/api/account/totp/start`, { method: 'POST', cookie });
      await call(`${t.url}/api/account/totp/confirm`, {
        cookie,
        body: { code: await generate({ secret: started.body.secret }) },
      });
      return { id: created.id, cookie, secret: started.body.secret as string };
    };
    const boss = await enrolled('capo@comune.it');
    const lost = await enrolled('telefono.perso@comune.it');
    expect((await call(`${t.url}/api/auth/me`, { cookie: lost.cookie })).status).toBe(200);
    const listed = await call(`${t.url}/api/admin/staff`, { cookie: boss.cookie });
    expect(listed.body.users.find((u: { id: string }) => u.id === lost.id).totp).toBe(true);

    const reset = await call(`${t.url}/api/admin/staff/${lost.id}/totp-reset`, {
      method: 'POST',
      cookie: boss.cookie,
    });
    expect(reset.status).toBe(200);
    expect(reset.body.user).toMatchObject({ id: lost.id, totp: false, state: 'active' });
    // the session opened with the old factor is over; the password alone opens, and enrolment is asked again
    expect((await call(`${t.url}/api/auth/me`, { cookie: lost.cookie })).status).toBe(401);
    expect((await signIn('telefono.perso@comune.it')).status).toBe(200);
    const again = await login(t.url, 'telefono.perso@comune.it', STRONG);
    expect((await call(`${t.url}/api/auth/me`, { cookie: again })).body.mustEnrolTotp).toBe(true);
    expect((await call(`${t.url}/api/admin/staff`, { cookie: again })).status).toBe(403);

    const entries = await t.server.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.totp_reset')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: boss.id, target_type: 'user', target_id: lost.id });
    expect(JSON.parse(entries[0]?.before_json ?? '{}').totp).toBe(true);
    expect(JSON.parse(entries[0]?.after_json ?? '{}').totp).toBe(false);
    expect(JSON.stringify(entries[0])).not.toContain(lost.secret);

    // nothing left to remove: refused, nothing recorded
    const twice = await call(`${t.url}/api/admin/staff/${lost.id}/totp-reset`, {
      method: 'POST',
      cookie: boss.cookie,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/non ha un'app di autenticazione/);
    const unknown = await call(`${t.url}/api/admin/staff/01J00000000000000000000000/totp-reset`, {
      method: 'POST',
      cookie: boss.cookie,
    });
    expect(unknown.status).toBe(404);
    expect(
      await t.server.store.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'user.totp_reset')
        .execute(),
    ).toHaveLength(1);
  });
});
