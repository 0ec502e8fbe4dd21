import { accessAreaOf } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { type DemoCity, type Role, recentRange, startDemoCity } from './test-support';

// Every dashboard route checks the role on the server: the same matrix the UI follows, asked over real HTTP.
describe.each(testStoreKinds())('dashboard roles on %s', (kind) => {
  let city: DemoCity;
  beforeAll(async () => {
    city = await startDemoCity(kind);
  });
  afterAll(() => city.t.stop());

  const { from, to } = recentRange();
  const year = from.slice(0, 4);
  // Who may call each route comes from the one access table (packages/protocol ACCESS), as the guard reads it.
  const allowedFor = (path: string) => {
    const area = accessAreaOf(path.split('?')[0] as string);
    if (!area) throw new Error(`${path} is not in the access table`);
    return area.roles;
  };
  const routes: Array<[string, readonly Role[]]> = [
    '/api/dashboard/city-now',
    `/api/dashboard/attendance?from=${from}&to=${to}`,
    `/api/dashboard/connections?from=${from}&to=${to}`,
    `/api/dashboard/sessions?from=${from}&to=${to}`,
    `/api/dashboard/esf?year=${year}`,
    `/api/dashboard/esf.csv?year=${year}`,
    `/api/dashboard/esf-operations?from=${from}&to=${to}`,
    `/api/dashboard/esf-operations.csv?from=${from}&to=${to}`,
    `/api/dashboard/esf-operations.xlsx?from=${from}&to=${to}`,
    `/api/dashboard/esf-operations/missing?from=${from}&to=${to}`,
    '/api/dashboard/content',
    '/api/dashboard/devices',
    '/api/dashboard/people?q=',
    '/api/admin/api-tokens',
    '/api/admin/audit',
    '/api/openapi.json',
    '/api/docs',
  ].map((path) => [path, allowedFor(path)]);

  it.each(routes)('GET %s answers only the roles allowed, and nobody signed out', async (path, allowed) => {
    expect((await city.get(path)).status).toBe(401);
    for (const role of ['admin', 'coordinator', 'hub_lead', 'viewer'] as Role[]) {
      const res = await city.get(path, role);
      expect({ role, status: res.status }).toEqual({ role, status: allowed.includes(role) ? 200 : 403 });
      if (res.status === 403) expect(res.body.error.code).toBe('forbidden');
    }
  });

  it("keeps a hub lead to their hub: asking for another hub's data is refused, the default is their own", async () => {
    const { from, to } = recentRange();
    const other = await city.get(
      `/api/dashboard/attendance?from=${from}&to=${to}&hub=${city.otherHub}`,
      'hub_lead',
    );
    expect(other.status).toBe(403);
    const own = await city.get(`/api/dashboard/attendance?from=${from}&to=${to}`, 'hub_lead');
    expect(own.body.query.hub).toBe(city.ownHub);
    expect(own.body.options.hubs.map((h: { id: string }) => h.id)).toEqual([city.ownHub]);
    expect(own.body.byHub.every((r: { key: string }) => r.key === city.ownHub)).toBe(true);
    const now = await city.get('/api/dashboard/city-now', 'hub_lead');
    expect(now.body.hubs.map((h: { id: string }) => h.id)).toEqual([city.ownHub]);
  });

  it('lets only the admin and hub leads open a roster, and coordinators read notes but viewers do not', async () => {
    const { from, to } = recentRange();
    const report = await city.get(`/api/dashboard/sessions?from=${from}&to=${to}`, 'admin');
    const held = report.body.sessions.find(
      (s: { status: string; hubId: string }) => s.status === 'closed' && s.hubId === city.ownHub,
    );
    expect(held).toBeTruthy();
    expect((await city.get(`/api/dashboard/sessions/${held.id}/roster`, 'admin')).status).toBe(200);
    expect((await city.get(`/api/dashboard/sessions/${held.id}/roster`, 'hub_lead')).status).toBe(200);
    expect((await city.get(`/api/dashboard/sessions/${held.id}/roster`, 'coordinator')).status).toBe(403);
    expect((await city.get(`/api/dashboard/sessions/${held.id}/roster`, 'viewer')).status).toBe(403);
    const viewer = await city.get(`/api/dashboard/sessions?from=${from}&to=${to}`, 'viewer');
    expect(viewer.body.canSeeNotes).toBe(false);
    expect(viewer.body.sessions.every((s: object) => !('notes' in s))).toBe(true);
    const coordinator = await city.get(`/api/dashboard/sessions?from=${from}&to=${to}`, 'coordinator');
    expect(coordinator.body.sessions.some((s: { notes?: string }) => typeof s.notes === 'string')).toBe(true);
  });

  it('refuses writes from roles that may not make them', async () => {
    expect(
      (await city.send('POST', '/api/dashboard/devices/enrolment-codes', 'viewer', { hubId: city.ownHub }))
        .status,
    ).toBe(403);
    expect(
      (await city.send('POST', '/api/dashboard/devices/enrolment-codes', 'hub_lead', { hubId: city.ownHub }))
        .status,
    ).toBe(403);
    expect((await city.send('DELETE', `/api/dashboard/people/${city.ownHub}`, 'coordinator')).status).toBe(
      403,
    );
    expect(
      (
        await city.send('POST', '/api/dashboard/content-images', 'viewer', {
          mediaType: 'image/png',
          dataBase64: 'AAAAAAAA',
        })
      ).status,
    ).toBe(403);
    for (const role of ['coordinator', 'hub_lead', 'viewer'] as Role[])
      expect(
        (await city.send('POST', '/api/admin/api-tokens', role, { name: 'x', role: 'viewer' })).status,
      ).toBe(403);
  });
});
