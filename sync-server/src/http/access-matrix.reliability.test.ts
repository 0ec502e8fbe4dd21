import {
  API_TOKEN_ROLES,
  type ApiTokenRole,
  accessAreaOf,
  generateKeyPair,
  ROLES,
  type Role,
  syncPath,
} from '@vigevano/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/api-tokens';
import { createEnrolmentCode, enrolDevice, revokeDevice } from '../devices/enrolment';
import { testStoreKinds } from '../store/test-stores';
import {
  applyChanges,
  attempt,
  DEVICE_ROLES,
  storeAsServer,
  type World,
  WRITE_MATRIX,
} from '../sync/write-matrix';
import { type ContractRoute, contractRoutes } from '../testing/contract-routes';
import { serverForSuite } from '../testing/suite';
import { call, demoLogins, login } from '../testing/test-server';

// Invariant 5 as a matrix: every route of the API contract (every `…Routes` table of packages/protocol, so a new
// route is in the matrix the day it is added) against every principal: nobody, each role, a device of hub A, a
// device of hub B, a revoked device, a read-only API token of each scope. Plus the cases the issue names: a device
// reading or writing another hub's data, an expired or spent enrolment code, a viewer and personal data, a hub lead
// and another hub's people.
// RELIABILITY_SCALE=long also runs it on PostgreSQL.

const ROUTES: ContractRoute[] = contractRoutes();

/** `users`: the roles the one access table (packages/protocol ACCESS) names for the route; `users-or-devices`: those too. */
type Who = 'public' | 'devices' | 'users-or-devices' | 'users';

/** The written policy: who may pass each route's guard. A route missing here fails the test. */
const POLICY: Record<string, Who> = {
  'health.health': 'public',
  'health.ready': 'public',
  // no METRICS_TOKEN in this test: open to this machine, which the test is (production refuses to start so)
  'health.metrics': 'public',
  'alerts.list': 'users',
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.me': 'users',
  // a one-time link is its own credential (auth/account-links.ts)
  'accountLinks.describe': 'public',
  'accountLinks.accept': 'public',
  'staff.list': 'users',
  'staff.invite': 'users',
  'staff.changeRole': 'users',
  'staff.disable': 'users',
  'staff.enable': 'users',
  'staff.resetLink': 'users',
  'staff.totpReset': 'users',
  'totp.start': 'users',
  'totp.confirm': 'users',
  'securitySettings.get': 'users',
  'securitySettings.put': 'users',
  'city.overview': 'users',
  'cityNow.get': 'users',
  'cityNow.stream': 'users',
  'attendance.get': 'users',
  'connections.get': 'users',
  'sessionsReport.get': 'users',
  'sessionsReport.roster': 'users',
  'corrections.marks': 'users',
  'corrections.annul': 'users',
  'corrections.refusals': 'users',
  'corrections.operationHours': 'users',
  'esf.get': 'users',
  'esf.csv': 'users',
  'esfOperations.get': 'users',
  'esfOperations.csv': 'users',
  'esfOperations.xlsx': 'users',
  'esfOperations.missing': 'users',
  'registers.session': 'users',
  'registers.operation': 'users',
  'people.search': 'users',
  'people.create': 'users',
  'people.get': 'users',
  'people.put': 'users',
  'people.issueCard': 'users',
  'people.revokeCard': 'users',
  'people.export': 'users',
  'people.erase': 'users',
  'peopleImport.template': 'users',
  'peopleImport.preview': 'users',
  'peopleImport.confirm': 'users',
  'contentAdmin.list': 'users',
  'contentAdmin.week': 'users',
  'contentAdmin.create': 'users',
  'contentAdmin.update': 'users',
  'contentAdmin.publish': 'users',
  'contentAdmin.remove': 'users',
  'contentAdmin.uploadImage': 'users',
  'contentAdmin.image': 'users-or-devices',
  'playsReport.report': 'users',
  'media.upload': 'users',
  'media.file': 'users-or-devices',
  'media.held': 'devices',
  'hubAdmin.list': 'users',
  'hubAdmin.create': 'users',
  'hubAdmin.update': 'users',
  'hubAdmin.archive': 'users',
  'hubAdmin.addArea': 'users',
  'hubAdmin.removeArea': 'users',
  'facilitators.list': 'users',
  'facilitators.create': 'users',
  'facilitators.update': 'users',
  'facilitators.setPin': 'users',
  'facilitators.grantCard': 'users',
  'operations.list': 'users',
  'operationAdmin.create': 'users',
  'operationAdmin.update': 'users',
  'operationAdmin.remove': 'users',
  'planning.overview': 'users',
  'planning.preview': 'users',
  'planning.createSeries': 'users',
  'planning.updateSeries': 'users',
  'planning.createSession': 'users',
  'planning.moveSession': 'users',
  'planning.cancelSession': 'users',
  'participants.list': 'users',
  'participants.candidates': 'users',
  'participants.enrol': 'users',
  'participants.outcome': 'users',
  'participants.worklist': 'users',
  'deviceAdmin.list': 'users',
  'deviceAdmin.enrolmentCode': 'users',
  'deviceAdmin.update': 'users',
  'deviceAdmin.move': 'users',
  'deviceAdmin.tags': 'users',
  'notices.list': 'users',
  'notices.create': 'users',
  'notices.end': 'users',
  'deviceAdmin.retire': 'users',
  'device.createEnrolmentCode': 'users',
  'device.revoke': 'users',
  'device.enrol': 'public',
  'device.snapshot': 'devices',
  'sync.pull': 'devices',
  'sync.push': 'devices',
  'sync.stream': 'devices',
  'sync.report': 'devices',
  'apiTokens.list': 'users',
  'apiTokens.create': 'users',
  'apiTokens.revoke': 'users',
  'audit.list': 'users',
  'updates.upload': 'users',
  'updates.rollout': 'users',
  'docs.openapi': 'users',
  'docs.page': 'users',
};

const SOME_ID = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const LONG = process.env.RELIABILITY_SCALE === 'long';

interface Principal {
  name: string;
  /** for a disposable session: logging out must not end the session the rest of the matrix uses */
  credentials?: { email: string; password: string };
  cookie?: string;
  bearer?: string;
  role?: Role;
  device?: 'A' | 'B' | 'revoked';
  /** a read-only API token with this role's scope: passes where the role does, on GET only */
  apiToken?: ApiTokenRole;
}

/** Sends the request and returns only the status; a stream is closed as soon as its status is known. */
async function statusOf(url: string, route: ContractRoute, who: Principal, hubId: string): Promise<number> {
  const path = route.path
    .replace(':collection', 'checkins')
    .replace(':hubId', hubId)
    .replace(/:[a-zA-Z]+/g, SOME_ID);
  const headers: Record<string, string> = {};
  if (who.cookie) headers.cookie = who.cookie;
  if (who.bearer) headers.authorization = `Bearer ${who.bearer}`;
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  if (hasBody) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const res = await fetch(url + path, {
    method: route.method,
    headers,
    body: hasBody ? (route.key === 'sync.push' ? '[]' : '{}') : undefined,
    signal: controller.signal,
  });
  controller.abort();
  return res.status;
}

function expectation(route: ContractRoute, who: Principal): 'pass' | 'refused' | 'public' {
  const policy = POLICY[route.key];
  if (policy === 'public') return 'public';
  if (who.apiToken) {
    if (route.method !== 'GET' || policy === 'devices') return 'refused';
    // a token stands for its role (roles from the access table), on GET only
    return accessAreaOf(route.path)?.roles.includes(who.apiToken) ? 'pass' : 'refused';
  }
  if (policy === 'devices') return who.device === 'A' || who.device === 'B' ? 'pass' : 'refused';
  const roles = accessAreaOf(route.path)?.roles ?? [];
  if (policy === 'users-or-devices' && (who.device === 'A' || who.device === 'B')) return 'pass';
  return who.role && roles.includes(who.role) ? 'pass' : 'refused';
}

for (const kind of LONG ? testStoreKinds() : (['sqlite'] as const)) {
  describe(`who may do what (${kind})`, () => {
    const principals: Principal[] = [];
    let hubA: string;
    let hubB: string;
    let deviceA: { token: string; deviceId: string };
    let deviceB: { token: string; deviceId: string };
    let revoked: { token: string; deviceId: string };
    let enrol: (hubId: string) => Promise<{ token: string; deviceId: string }>;

    const t = serverForSuite(kind, { demoCity: true });
    beforeAll(async () => {
      const db = t.server.store.db;
      const hubs = await db
        .selectFrom('documents')
        .select('id')
        .where('collection', '=', 'hubs')
        .orderBy('id')
        .execute();
      hubA = hubs[0]?.id as string;
      hubB = hubs[1]?.id as string;
      const serverKey = t.server.cardKeys.signingKey();
      enrol = async (hubId: string) => {
        const { code } = await createEnrolmentCode(db, hubId, null);
        return enrolDevice(db, { code, name: 'Matrice', publicKey: generateKeyPair().publicKey }, serverKey);
      };
      deviceA = await enrol(hubA);
      deviceB = await enrol(hubB);
      revoked = await enrol(hubA);
      await revokeDevice(db, revoked.deviceId);
      principals.push({ name: 'nobody' });
      for (const l of demoLogins(t.dataDir))
        if ((ROLES as readonly string[]).includes(l.role))
          principals.push({
            name: l.role,
            role: l.role as Role,
            cookie: await login(t.url, l.email, l.password),
            credentials: l,
          });
      principals.push({ name: 'device of hub A', bearer: deviceA.token, device: 'A' });
      principals.push({ name: 'device of hub B', bearer: deviceB.token, device: 'B' });
      principals.push({ name: 'revoked device', bearer: revoked.token, device: 'revoked' });
      for (const role of API_TOKEN_ROLES) {
        const { secret } = await createApiToken(db, { name: `matrice ${role}`, role }, 'matrix');
        principals.push({ name: `API token (${role})`, bearer: secret, apiToken: role });
      }
    });

    it('has a written policy for every route of the contract', () => {
      expect(ROUTES.length).toBeGreaterThan(30);
      expect(ROUTES.filter((r) => !(r.key in POLICY)).map((r) => r.key)).toEqual([]);
      // A route for users has its roles in the access table, and one for nobody in particular has none there.
      const forUsers = (r: ContractRoute) =>
        POLICY[r.key] === 'users' || POLICY[r.key] === 'users-or-devices';
      expect(
        ROUTES.filter((r) => forUsers(r) !== (accessAreaOf(r.path) !== undefined)).map((r) => r.key),
      ).toEqual([]);
      expect(new Set(principals.map((p) => p.role).filter(Boolean))).toEqual(new Set(ROLES));
    });

    it('lets through exactly whom the policy names, on every route', async () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const route of ROUTES)
        for (const who of principals) {
          const as =
            route.key === 'auth.logout' && who.credentials
              ? { ...who, cookie: await login(t.url, who.credentials.email, who.credentials.password) }
              : who;
          const status = await statusOf(t.url, route, as, hubA);
          const expected = expectation(route, who);
          checked += 1;
          // Refused: 401 (who are you) or 403 (not you); a body the route cannot read may be refused first (400),
          // never served. Passed: anything but 401/403 (the dummy ids may well be 404); never a 5xx.
          const ok =
            status < 500 &&
            (expected === 'public' ||
              (expected === 'refused' ? [400, 401, 403].includes(status) : status !== 401 && status !== 403));
          if (!ok)
            wrong.push(`${route.method} ${route.path} as ${who.name}: ${status} (expected ${expected})`);
        }
      console.log(
        `[reliability] access-matrix ${JSON.stringify({ store: kind, routes: ROUTES.length, principals: principals.length, checked, wrong: wrong.length })}`,
      );
      expect(wrong).toEqual([]);
    });

    it('refuses a revoked device everywhere with device_revoked', async () => {
      for (const route of ['pull', 'stream'] as const) {
        const res = await call(`${t.url}${syncPath('checkins', route)}`, { bearer: revoked.token });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('device_revoked');
      }
      const push = await call(`${t.url}${syncPath('checkins', 'push')}`, { bearer: revoked.token, body: [] });
      expect(push.body.error.code).toBe('device_revoked');
      const snapshot = await call(`${t.url}/api/device/snapshot`, { bearer: revoked.token });
      expect(snapshot.body.error.code).toBe('device_revoked');
    });

    it("keeps a device to its own hub's data: it reads none of hub B's and cannot write any", async () => {
      const db = t.server.store.db;
      for (const collection of ['checkins', 'sessions', 'cards', 'enrolments', 'devices', 'hubs', 'plays'])
        for (const device of [deviceA, deviceB]) {
          const own = device === deviceA ? hubA : hubB;
          const res = await call(`${t.url}${syncPath(collection, 'pull')}?limit=2000`, {
            bearer: device.token,
          });
          expect(res.status, collection).toBe(200);
          for (const doc of res.body.documents as Array<Record<string, unknown>>) {
            const hub = collection === 'hubs' ? doc.id : doc.hubId;
            // cards of other hubs come as far as revocation and typed ids need (see the sync scope); never sessions,
            // check-ins, enrolments, plays of another hub
            if (collection !== 'cards' && collection !== 'devices' && collection !== 'hubs')
              expect(hub, `${collection} of another hub reached a device of ${own}`).toBe(own);
          }
        }
      const before = await db
        .selectFrom('documents')
        .select(db.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      const foreign = {
        id: '01JBBBBBBBBBBBBBBBBBBBBBBB',
        hubId: hubB,
        deviceId: deviceA.deviceId,
        direction: 'in',
        source: 'camera',
        deviceTime: Date.now(),
        hlc: `0000000aa-0000-${deviceA.deviceId}`,
        updatedAt: Date.now(),
        _deleted: false,
      };
      const res = await call(`${t.url}${syncPath('checkins', 'push')}`, {
        bearer: deviceA.token,
        body: [{ newDocumentState: foreign }],
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      // server-written collections refuse any device
      const hubPush = await call(`${t.url}${syncPath('hubs', 'push')}`, {
        bearer: deviceA.token,
        body: [{ newDocumentState: { id: hubA, _deleted: true } }],
      });
      expect(hubPush.status).toBe(403);
      const after = await db
        .selectFrom('documents')
        .select(db.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      expect(Number(after?.n)).toBe(Number(before?.n));
    });

    it('sync writes: collection × field × device role (the owning device, another of its hub, one of another hub)', async () => {
      const db = t.server.store.db;
      const world: World = {
        hubA,
        hubB,
        devices: {
          owner: { ...deviceA, hubId: hubA },
          'same-hub': { ...(await enrol(hubA)), hubId: hubA },
          'other-hub': { ...deviceB, hubId: hubB },
        },
      };
      const wrong: string[] = [];
      let checked = 0;
      for (const [collection, matrix] of Object.entries(WRITE_MATRIX)) {
        for (const change of matrix.changes)
          for (const role of DEVICE_ROLES) {
            const { stored, incoming } = applyChanges(matrix.base(world), [change], world);
            await storeAsServer(db, collection, stored);
            const result = await attempt(t.url, db, collection, world.devices[role], incoming, stored);
            const expected = change.outcome[role];
            const ok = result.outcome === expected && (expected === 'allowed' || result.unchanged);
            checked += 1;
            if (!ok)
              wrong.push(
                `${collection}.${change.field} by ${role}: ${result.outcome} (expected ${expected})`,
              );
          }
        for (const create of matrix.creates)
          for (const role of DEVICE_ROLES) {
            const device = world.devices[role];
            const result = await attempt(t.url, db, collection, device, create.doc(device, world), null);
            const ok = result.outcome === create.outcome && (create.outcome === 'allowed' || !result.after);
            checked += 1;
            if (!ok) wrong.push(`${collection}: ${create.name} by ${role}: ${result.outcome}`);
          }
      }
      console.log(
        `[reliability] access-matrix sync writes ${JSON.stringify({ store: kind, checked, wrong: wrong.length })}`,
      );
      expect(wrong).toEqual([]);
    });

    it('refuses an expired enrolment code and a spent one, and a user cookie is no device', async () => {
      const db = t.server.store.db;
      const expired = await createEnrolmentCode(db, hubA, null, Date.now() - 2 * 86_400_000);
      const tryCode = (code: string) =>
        call(`${t.url}/api/devices/enrol`, {
          body: { code, name: 'Ingresso', publicKey: generateKeyPair().publicKey },
        });
      const old = await tryCode(expired.code);
      expect(old.status).toBe(400);
      expect(old.body.error.code).toBe('enrolment_code_invalid');
      const fresh = await createEnrolmentCode(db, hubA, null);
      expect((await tryCode(fresh.code)).status).toBe(200);
      const again = await tryCode(fresh.code);
      expect(again.body.error.code).toBe('enrolment_code_invalid');
      const admin = principals.find((p) => p.role === 'admin');
      const asUser = await call(`${t.url}${syncPath('checkins', 'pull')}`, { cookie: admin?.cookie });
      expect(asUser.status).toBe(401);
    });

    it("never shows personal data to a viewer or a coordinator, nor another hub's people to a hub lead", async () => {
      const db = t.server.store.db;
      // one recorded person in every hub, so each check below has someone to leak
      const admin = principals.find((p) => p.role === 'admin');
      for (const hubId of [
        hubA,
        hubB,
        ...(await db.selectFrom('documents').select('id').where('collection', '=', 'hubs').execute()).map(
          (h) => h.id,
        ),
      ]) {
        const created = await call(`${t.url}/api/dashboard/people`, {
          cookie: admin?.cookie,
          body: {
            hubId,
            card: { alias: 'Riservata', language: 'it' },
            person: {
              firstName: 'Zelinda',
              lastName: `Riservata${hubId.slice(-6)}`,
              email: `z${hubId.slice(-6).toLowerCase()}@example.org`,
              consent: true,
            },
          },
        });
        expect(created.status, JSON.stringify(created.body)).toBe(200);
      }
      const people = await db
        .selectFrom('people')
        .select(['visitor_id', 'hub_id', 'first_name', 'last_name', 'email'])
        .execute();
      expect(people.length).toBeGreaterThan(0);
      const names = people.flatMap((p) =>
        [`${p.first_name} ${p.last_name}`, p.email].filter((s): s is string => !!s),
      );
      for (const who of principals.filter((p) => p.role === 'viewer' || p.role === 'coordinator')) {
        for (const route of ROUTES.filter((r) => r.method === 'GET' && !r.key.endsWith('stream'))) {
          const path = route.path
            .replace(':visitorId', people[0]?.visitor_id as string)
            .replace(/:[a-zA-Z]+/g, SOME_ID);
          const res = await fetch(t.url + path, { headers: { cookie: who.cookie as string } });
          const text = await res.text();
          const leaked = names.filter((n) => text.includes(n));
          expect(leaked, `${who.name} saw personal data at ${path}`).toEqual([]);
        }
      }
      const lead = principals.find((p) => p.role === 'hub_lead');
      const me = await call(`${t.url}/api/auth/me`, { cookie: lead?.cookie });
      const leadHub = me.body.user?.hubIds?.[0];
      expect(leadHub).toBeTruthy();
      const other = people.find((p) => p.hub_id !== leadHub);
      const own = people.find((p) => p.hub_id === leadHub);
      if (!other || !own) throw new Error('the demo city has people in one hub only');
      expect(
        (await call(`${t.url}/api/dashboard/people/${own.visitor_id}`, { cookie: lead?.cookie })).status,
      ).toBe(200);
      const refused = await call(`${t.url}/api/dashboard/people/${other.visitor_id}`, {
        cookie: lead?.cookie,
      });
      expect([403, 404]).toContain(refused.status);
      expect(JSON.stringify(refused.body)).not.toContain(other.last_name);
      const search = await call(`${t.url}/api/dashboard/people?q=${encodeURIComponent(other.last_name)}`, {
        cookie: lead?.cookie,
      });
      expect(JSON.stringify(search.body)).not.toContain(other.visitor_id);
    });
  });
}
