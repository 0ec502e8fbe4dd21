import { generateKeyPair } from '@vigevano/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { putDocuments } from '../store/documents';
import { testStoreKinds } from '../store/test-stores';
import { hubDoc } from '../sync/test-support';
import { serverForSuite } from '../testing/suite';
import { createEnrolmentCode } from './enrolment';
import { ENROL_FREE_FAILURES } from './routes';

// Issue 13, item 7: enrolment is throttled per address (growing delays after wrong codes), and a public key that
// already signs cards here (another device's, the server's) is refused, the code left unspent.

const HUB = '01JDHB0000000000000000000B';

async function enrol(url: string, body: unknown, forwardedFor?: string) {
  const res = await fetch(`${url}/api/devices/enrol`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { error?: { code: string; message: string }; deviceId?: string },
  };
}

describe.each(testStoreKinds())('enrolment abuse on %s', (kind) => {
  const t = serverForSuite(kind, { env: { TRUST_PROXY: 'loopback' } });
  beforeAll(async () => {
    await putDocuments(t.server.store.db, [
      { collection: 'hubs', hubId: HUB, at: null, body: hubDoc(HUB, 'Hub Prova') },
    ]);
  });

  const newCode = async () => (await createEnrolmentCode(t.server.store.db, HUB, null)).code;

  it('holds back an address guessing codes with growing delays, and not another address', async () => {
    const guesser = '203.0.113.8';
    const guess = { code: 'AAAA-BBBB-CCCC', name: 'Ladro', publicKey: generateKeyPair().publicKey };
    for (let i = 0; i < ENROL_FREE_FAILURES; i++)
      expect((await enrol(t.url, guess, guesser)).body.error?.code).toBe('enrolment_code_invalid');
    // the first wrong code past the free ones earns a delay; while it runs every try is held back (429), and each
    // wrong code that gets through after a wait doubles it
    expect((await enrol(t.url, guess, guesser)).status).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await enrol(t.url, guess, guesser)).status);
    expect(statuses.filter((s) => s !== 429 && s !== 400)).toEqual([]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(20);
    // right after a wrong code has got through, even a right code waits at that address
    let last = 0;
    for (let i = 0; i < 200 && last !== 400; i++) {
      last = (await enrol(t.url, guess, guesser)).status;
      if (last === 429) await new Promise((r) => setTimeout(r, 100));
    }
    expect(last).toBe(400);
    const held = await enrol(t.url, { ...guess, code: await newCode() }, guesser);
    expect(held.status).toBe(429);
    expect(Number(held.retryAfter)).toBeGreaterThan(0);
    expect(held.body.error?.message).toContain('riprova tra');
    // a technician at another address enrols at once
    const technician = await enrol(
      t.url,
      { code: await newCode(), name: 'Totem', publicKey: generateKeyPair().publicKey },
      '198.51.100.30',
    );
    expect(technician.status).toBe(200);
  });

  it("refuses another device's public key and the server's, with a clear error, leaving the code unspent", async () => {
    const devices = () =>
      t.server.store.db.selectFrom('documents').select('id').where('collection', '=', 'devices').execute();
    const before = (await devices()).length;
    const taken = generateKeyPair().publicKey;
    const first = await enrol(
      t.url,
      { code: await newCode(), name: 'Primo', publicKey: taken },
      '198.51.100.31',
    );
    expect(first.status).toBe(200);
    const code = await newCode();
    const copy = await enrol(t.url, { code, name: 'Copia', publicKey: taken }, '198.51.100.31');
    expect(copy.status).toBe(409);
    expect(copy.body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('già in uso'),
    });
    const serverKey = await enrol(
      t.url,
      { code, name: 'Server', publicKey: t.server.cardKeys.signingKey().publicKey },
      '198.51.100.31',
    );
    expect(serverKey.status).toBe(409);
    // the same code still enrols a kiosk with a key of its own
    const own = await enrol(
      t.url,
      { code, name: 'Giusto', publicKey: generateKeyPair().publicKey },
      '198.51.100.31',
    );
    expect(own.status).toBe(200);
    expect((await devices()).length).toBe(before + 2);
  });

  it('lets only one of many enrolments racing with the same new public key through', async () => {
    const publicKey = generateKeyPair().publicKey;
    const codes = await Promise.all([1, 2, 3, 4].map(() => newCode()));
    const results = await Promise.all(
      codes.map((code, i) => enrol(t.url, { code, name: `Gemello ${i}`, publicKey }, `198.51.100.${i + 1}`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
  });
});
