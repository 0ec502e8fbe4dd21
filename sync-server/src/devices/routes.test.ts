import { generateKeyPair, ULID_PATTERN } from '@vigevano/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/users';
import { putDocuments } from '../store/documents';
import { testStoreKinds } from '../store/test-stores';
import { hubDoc } from '../sync/test-support';
import { serverForSuite } from '../testing/suite';
import { call, login } from '../testing/test-server';
import { normaliseEnrolmentCode } from './enrolment-code';

const HUB = '01JDHB0000000000000000000A';
/** the city's release public key (RELEASE_PUBLIC_KEY), which each kiosk pins at enrolment */
const RELEASE_KEY = generateKeyPair().publicKey;

describe.each(testStoreKinds())('kiosk enrolment on %s', (kind) => {
  let coordinator: string;
  let viewer: string;
  const t = serverForSuite(kind, { env: { RELEASE_PUBLIC_KEY: RELEASE_KEY } });
  beforeAll(async () => {
    const db = t.server.store.db;
    await putDocuments(db, [{ collection: 'hubs', hubId: HUB, at: null, body: hubDoc(HUB, 'Hub Prova') }]);
    for (const [role, email] of [
      ['coordinator', 'c@x.it'],
      ['viewer', 'v@x.it'],
    ] as const)
      await createUser(db, { email, name: role, role, hubIds: [], password: 'password-lunga' });
    coordinator = await login(t.url, 'c@x.it', 'password-lunga');
    viewer = await login(t.url, 'v@x.it', 'password-lunga');
  });

  const newCode = async () => {
    const res = await call(`${t.url}/api/hubs/${HUB}/enrolment-codes`, {
      method: 'POST',
      cookie: coordinator,
    });
    if (res.status !== 200) throw new Error(JSON.stringify(res));
    return res.body;
  };

  it('lets a coordinator, not a viewer, create a one-time code for an existing hub', async () => {
    const code = await newCode();
    expect(code.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(code.expiresAt).toBeGreaterThan(Date.now());
    const refused = await call(`${t.url}/api/hubs/${HUB}/enrolment-codes`, {
      method: 'POST',
      cookie: viewer,
    });
    expect(refused.status).toBe(403);
    const missing = await call(`${t.url}/api/hubs/01JDHB0000000000000000000Z/enrolment-codes`, {
      method: 'POST',
      cookie: coordinator,
    });
    expect(missing.status).toBe(404);
  });

  it('enrols a kiosk once per code (typed in lower case with spaces), then serves it its snapshot', async () => {
    const { code } = await newCode();
    const key = generateKeyPair();
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const enrol = await call(`${t.url}/api/devices/enrol`, {
      body: { code: typed, name: 'Ingresso', publicKey: key.publicKey },
    });
    expect(enrol.status).toBe(200);
    expect(enrol.body).toMatchObject({
      hubId: HUB,
      deviceId: expect.stringMatching(new RegExp(ULID_PATTERN)),
      releasePublicKey: RELEASE_KEY,
    });

    const again = await call(`${t.url}/api/devices/enrol`, {
      body: { code, name: 'Altro', publicKey: key.publicKey },
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('enrolment_code_invalid');

    const snapshot = await call(`${t.url}/api/device/snapshot`, { bearer: enrol.body.token });
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.device).toEqual({ id: enrol.body.deviceId, hubId: HUB, name: 'Ingresso' });
    expect(snapshot.body.hub.name).toBe('Hub Prova');
    expect(snapshot.body.issuers).toEqual(
      expect.arrayContaining([
        {
          id: 'server',
          keyId: enrol.body.serverKeyId,
          publicKey: enrol.body.serverPublicKey,
          revoked: false,
        },
        { id: enrol.body.deviceId, keyId: key.keyId, publicKey: key.publicKey, revoked: false },
      ]),
    );
    // The server keeps only a hash of the token.
    const stored = await t.server.store.db.selectFrom('device_credentials').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(enrol.body.token);
  });

  it('gives one identity when two kiosks race with the same code', async () => {
    const { code } = await newCode();
    const attempts = await Promise.all(
      [1, 2, 3, 4].map(() =>
        call(`${t.url}/api/devices/enrol`, {
          body: { code, name: 'Gara', publicKey: generateKeyPair().publicKey },
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 200)).toHaveLength(1);
  });

  it('refuses an expired code', async () => {
    const { code } = await newCode();
    await t.server.store.db
      .updateTable('enrolment_codes')
      .set({ expires_at: Date.now() - 1 })
      .where('used_at', 'is', null)
      .execute();
    const res = await call(`${t.url}/api/devices/enrol`, {
      body: { code, name: 'Tardi', publicKey: generateKeyPair().publicKey },
    });
    expect(res.body.error.code).toBe('enrolment_code_invalid');
    expect(normaliseEnrolmentCode(code.toLowerCase())).toBe(code);
  });

  it('refuses a malformed enrolment naming the field, and creates nothing', async () => {
    const before = await t.server.store.db.selectFrom('device_credentials').selectAll().execute();
    const res = await call(`${t.url}/api/devices/enrol`, {
      body: { code: 'ABCD-EFGH-JKMN', name: 'X', publicKey: 'short' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('/publicKey');
    expect(await t.server.store.db.selectFrom('device_credentials').selectAll().execute()).toEqual(before);
  });

  it('refuses a revoked kiosk at once, and a made-up token', async () => {
    const { code } = await newCode();
    const enrol = await call(`${t.url}/api/devices/enrol`, {
      body: { code, name: 'Da revocare', publicKey: generateKeyPair().publicKey },
    });
    expect((await call(`${t.url}/api/device/snapshot`, { bearer: enrol.body.token })).status).toBe(200);
    const viewerRevoke = await call(`${t.url}/api/devices/${enrol.body.deviceId}/revoke`, {
      method: 'POST',
      cookie: viewer,
    });
    expect(viewerRevoke.status).toBe(403);
    const revoke = await call(`${t.url}/api/devices/${enrol.body.deviceId}/revoke`, {
      method: 'POST',
      cookie: coordinator,
    });
    expect(revoke.body.device.revoked).toBe(true);
    const refused = await call(`${t.url}/api/device/snapshot`, { bearer: enrol.body.token });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'device_revoked' } } });
    expect((await call(`${t.url}/api/device/snapshot`, { bearer: 'x'.repeat(43) })).status).toBe(401);
    expect((await call(`${t.url}/api/device/snapshot`)).status).toBe(401);
  });
});
