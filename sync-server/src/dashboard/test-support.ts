import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, demoLogins, login, startTestServer, type TestServer } from '../testing/test-server';

export type Role = 'admin' | 'coordinator' | 'hub_lead' | 'viewer';

/** A real server with the demo city, and a session cookie per role. */
export interface DemoCity {
  t: TestServer;
  cookie: Record<Role, string>;
  /** the hub lead's hub (Hub Cavallerizza) and another one */
  ownHub: string;
  otherHub: string;
  get(path: string, role?: Role): ReturnType<typeof call>;
  send(method: string, path: string, role: Role, body?: unknown): ReturnType<typeof call>;
}

export async function startDemoCity(kind: 'sqlite' | 'postgres'): Promise<DemoCity> {
  const t = await startTestServer(kind, { demoCity: true });
  const cookie = {} as Record<Role, string>;
  for (const l of demoLogins(t.dataDir)) cookie[l.role as Role] = await login(t.url, l.email, l.password);
  const me = await call(`${t.url}/api/auth/me`, { cookie: cookie.hub_lead });
  const overview = await call(`${t.url}/api/city/overview`, { cookie: cookie.admin });
  const ownHub = me.body.user.hubIds[0] as string;
  const otherHub = (overview.body.hubs as Array<{ id: string }>).find((h) => h.id !== ownHub)?.id as string;
  return {
    t,
    cookie,
    ownHub,
    otherHub,
    get: (path, role) => call(`${t.url}${path}`, role ? { cookie: cookie[role] } : {}),
    send: (method, path, role, body) => call(`${t.url}${path}`, { method, cookie: cookie[role], body }),
  };
}

/** Today and a day some weeks back, as local days. */
export function recentRange(daysBack = 35): { from: string; to: string } {
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(ms);
  return { from: day(Date.now() - daysBack * 86_400_000), to: day(Date.now()) };
}

/** The identity (device id, bearer token) of a demo kiosk of `hubId`, as the demo seed wrote it. */
export function demoKiosk(city: DemoCity, hubId: string): { deviceId: string; token: string } {
  const dir = join(city.t.dataDir, 'kiosks');
  for (const d of readdirSync(dir)) {
    const identity = JSON.parse(readFileSync(join(dir, d, 'identity.json'), 'utf8'));
    if (identity.hubId === hubId) return { deviceId: identity.deviceId, token: identity.token };
  }
  throw new Error(`no demo kiosk at hub ${hubId}`);
}
