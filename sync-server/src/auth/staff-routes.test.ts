import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { putDocuments } from '../store/documents';
import { testStoreKinds } from '../store/test-stores';
import { hubDoc } from '../sync/test-support';
import { serverForSuite } from '../testing/suite';
import { call, login } from '../testing/test-server';
import { issueAccountLink } from './account-links';
import { createUser } from './users';

const STAFF = '/api/admin/staff';
const STRONG = 'Cavallerizza-Ticino-2026';
const HUB_A = ulid();
const HUB_B = ulid();
const HUB_C = ulid();

/** The secret of a link, the last part of its URL. */
const tokenOf = (url: string) => url.split('/').pop() as string;

describe.each(testStoreKinds())('staff accounts and one-time links on %s', (kind) => {
  const t = serverForSuite(kind);
  let admin: string;
  const db = () => t.server.store.db;
  const auditActions = async (targetId: string) =>
    (
      await db()
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', targetId)
        .orderBy('id')
        .execute()
    ).map((r) => r.action);
  const invite = (body: unknown) => call(`${t.url}${STAFF}/invites`, { cookie: admin, body });
  const accept = (token: string, body: unknown) =>
    call(`${t.url}/api/account-links/${token}/accept`, { method: 'POST', body });
  const userByEmail = (email: string) =>
    db().selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

  beforeAll(async () => {
    await putDocuments(
      db(),
      [HUB_A, HUB_B, HUB_C].map((id, i) => ({
        collection: 'hubs',
        hubId: id,
        at: null,
        body: hubDoc(id, `Hub ${'ABC'[i]}`),
      })),
    );
    await createUser(db(), {
      email: 'admin@comune.it',
      name: 'Admin',
      role: 'admin',
      hubIds: [],
      password: STRONG,
    });
    admin = await login(t.url, 'admin@comune.it', STRONG);
  });

  it('invites a hub lead for two hubs, who sets a password once and then sees only those hubs', async () => {
    const issued = await invite({ email: 'Lead@Comune.it', role: 'hub_lead', hubIds: [HUB_A, HUB_B] });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ kind: 'invite', email: 'lead@comune.it', emailed: false });
    expect(issued.body.url).toMatch(/\/accesso\/[A-Za-z0-9_-]{43}$/);
    expect(issued.body.expiresAt - Date.now()).toBeGreaterThan(6 * 24 * 3_600_000);
    const token = tokenOf(issued.body.url);
    // only the hash of the secret is stored
    const stored = await db().selectFrom('account_links').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    const info = await call(`${t.url}/api/account-links/${token}`);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ kind: 'invite', email: 'lead@comune.it', role: 'hub_lead' });
    expect(info.body.hubNames.sort()).toEqual(['Hub A', 'Hub B']);
    const listed = await call(`${t.url}${STAFF}`, { cookie: admin });
    expect(listed.body.invites).toEqual([
      expect.objectContaining({ email: 'lead@comune.it', hubIds: [HUB_A, HUB_B] }),
    ]);

    // a weak password is refused and writes nothing: the link still works
    const weak = await accept(token, { name: 'Sara', password: 'password123' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/troppo facile/);
    expect(await userByEmail('lead@comune.it')).toBeUndefined();

    const done = await accept(token, { name: 'Sara Colombo', password: STRONG });
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({
      email: 'lead@comune.it',
      role: 'hub_lead',
      hubIds: [HUB_A, HUB_B],
    });
    const again = await accept(token, { name: 'Sara Colombo', password: `${STRONG}!` });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/già stato usato/);
    expect((await call(`${t.url}/api/account-links/${token}`)).status).toBe(409);

    const lead = await login(t.url, 'lead@comune.it', STRONG);
    const me = await call(`${t.url}/api/auth/me`, { cookie: lead });
    expect(me.body.user.hubIds).toEqual([HUB_A, HUB_B]);
    const overview = await call(`${t.url}/api/city/overview`, { cookie: lead });
    expect(overview.body.hubs.map((h: { id: string }) => h.id).sort()).toEqual([HUB_A, HUB_B].sort());
    const report = (hub: string) =>
      call(`${t.url}/api/dashboard/attendance?from=2026-01-01&to=2026-01-31&hub=${hub}`, { cookie: lead });
    expect((await report(HUB_B)).status).toBe(200);
    expect((await report(HUB_C)).status).toBe(403);
    const userId = done.body.user.id;
    expect(await auditActions('lead@comune.it')).toEqual(['user.invite']);
    expect(await auditActions(userId)).toEqual(['user.create']);
    const staff = await call(`${t.url}${STAFF}`, { cookie: admin });
    const member = staff.body.users.find((u: { id: string }) => u.id === userId);
    expect(member).toMatchObject({ state: 'active', role: 'hub_lead' });
    expect(member.lastLoginAt).toBeGreaterThan(0);
    expect(staff.body.invites).toEqual([]);
  });

  it('refuses an unknown, an expired and a malformed link, and a duplicate e-mail, writing nothing', async () => {
    const unknown = await call(`${t.url}/api/account-links/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/non è valido/);
    expect((await call(`${t.url}/api/account-links/short`)).status).toBe(400);

    const old = await issueAccountLink(
      db(),
      { kind: 'invite', email: 'late@comune.it', role: 'viewer', hubIds: [] },
      'test',
      t.url,
      Date.now() - 8 * 24 * 3_600_000,
    );
    const expired = await accept(old.token, { name: 'Tardi', password: STRONG });
    expect(expired.status).toBe(409);
    expect(expired.body.error.message).toMatch(/scaduto/);
    expect(await userByEmail('late@comune.it')).toBeUndefined();

    const before = await db().selectFrom('audit_log').select('id').execute();
    const duplicate = await invite({ email: 'admin@comune.it', role: 'viewer', hubIds: [] });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toMatch(/esiste già un account/);
    const noHub = await invite({ email: 'nohub@comune.it', role: 'hub_lead', hubIds: [] });
    expect(noHub.status).toBe(400);
    expect(noHub.body.error.message).toMatch(/almeno un hub/);
    expect(await db().selectFrom('audit_log').select('id').execute()).toHaveLength(before.length);
  });

  it('changes a role, disables (ending sessions at once), enables, and resets a password', async () => {
    const link = await invite({ email: 'coord@comune.it', role: 'hub_lead', hubIds: [HUB_C] });
    const created = await accept(tokenOf(link.body.url), { name: 'Coordinamento', password: STRONG });
    const id = created.body.user.id as string;
    const session = await login(t.url, 'coord@comune.it', STRONG);

    const changed = await call(`${t.url}${STAFF}/${id}/role`, {
      method: 'PUT',
      cookie: admin,
      body: { role: 'coordinator', hubIds: [HUB_C] },
    });
    expect(changed.status).toBe(200);
    // a coordinator sees the city: the hubs of the former role are dropped
    expect(changed.body.user).toMatchObject({ role: 'coordinator', hubIds: [] });
    expect((await call(`${t.url}/api/auth/me`, { cookie: session })).body.user.role).toBe('coordinator');

    const disabled = await call(`${t.url}${STAFF}/${id}/disable`, { method: 'POST', cookie: admin });
    expect(disabled.body.user.state).toBe('disabled');
    expect((await call(`${t.url}/api/auth/me`, { cookie: session })).status).toBe(401);
    const refused = await call(`${t.url}/api/auth/login`, {
      body: { email: 'coord@comune.it', password: STRONG },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/disattivato/);
    await call(`${t.url}${STAFF}/${id}/enable`, { method: 'POST', cookie: admin });
    const back = await login(t.url, 'coord@comune.it', STRONG);

    const reset = await call(`${t.url}${STAFF}/${id}/reset-link`, { method: 'POST', cookie: admin });
    expect(reset.body).toMatchObject({ kind: 'reset', email: 'coord@comune.it' });
    expect(reset.body.expiresAt - Date.now()).toBeLessThanOrEqual(3_600_000);
    const info = await call(`${t.url}/api/account-links/${tokenOf(reset.body.url)}`);
    expect(info.body).toMatchObject({ kind: 'reset', name: 'Coordinamento' });
    const NEW = 'Nuova-Parola-Segreta-Lomellina';
    expect((await accept(tokenOf(reset.body.url), { name: 'Coordinamento', password: NEW })).status).toBe(
      200,
    );
    // the old password and the sessions made with it are gone
    expect((await call(`${t.url}/api/auth/me`, { cookie: back })).status).toBe(401);
    expect(
      (await call(`${t.url}/api/auth/login`, { body: { email: 'coord@comune.it', password: STRONG } }))
        .status,
    ).toBe(401);
    await login(t.url, 'coord@comune.it', NEW);
    expect(await auditActions(id)).toEqual([
      'user.create',
      'user.role_change',
      'user.disable',
      'user.enable',
      'user.reset_link',
      'user.password_reset',
    ]);
  });

  it('keeps an active admin: none can disable themselves, the last admin cannot be demoted', async () => {
    const me = await call(`${t.url}/api/auth/me`, { cookie: admin });
    const id = me.body.user.id as string;
    const self = await call(`${t.url}${STAFF}/${id}/disable`, { method: 'POST', cookie: admin });
    expect(self.status).toBe(409);
    const demote = await call(`${t.url}${STAFF}/${id}/role`, {
      method: 'PUT',
      cookie: admin,
      body: { role: 'viewer', hubIds: [] },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/almeno un amministratore/);
    expect((await call(`${t.url}/api/auth/me`, { cookie: admin })).body.user.role).toBe('admin');
  });

  it('lets only an admin manage staff', async () => {
    await createUser(db(), {
      email: 'viewer@comune.it',
      name: 'Viewer',
      role: 'viewer',
      hubIds: [],
      password: STRONG,
    });
    const viewer = await login(t.url, 'viewer@comune.it', STRONG);
    expect((await call(`${t.url}${STAFF}`, { cookie: viewer })).status).toBe(403);
    const tried = await call(`${t.url}${STAFF}/invites`, {
      cookie: viewer,
      body: { email: 'x@comune.it', role: 'admin', hubIds: [] },
    });
    expect(tried.status).toBe(403);
  });
});
