import { type CardKey, syncPath } from '@vigevano/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDocuments } from '../store/documents';
import { testStoreKinds } from '../store/test-stores';
import { createHubs, enrolTestDevice, type TestDevice } from '../sync/test-support';
import { openSse } from '../testing/sse-client';
import { serverForSuite } from '../testing/suite';
import { call } from '../testing/test-server';
import { fileCardKeyProvider, newCardKeyFile, readCardKeyFile, rotateCardKey } from './key-file';
import { CARD_KEYS_COLLECTION, publishCardKeys } from './publish-card-keys';

const DAY_MS = 86_400_000;

// The city's card-signing public keys reach kiosks as server-written `card_keys` documents (issue 13 item 6):
// published at start, after a rotation, and never writable by a device. SQLite and PostgreSQL.
describe.each(testStoreKinds())('card-signing keys published to kiosks on %s', (kind) => {
  let device: TestDevice;
  const keyFile = () => `${t.dataDir}/keys/card-signing-key.json`;

  const t = serverForSuite(kind);
  beforeAll(async () => {
    const [hub] = await createHubs(t.server.store.db, 1);
    device = await enrolTestDevice(t.server.store.db, hub as string);
  });

  /** Every card key a device pulls, from the start of the feed. */
  async function pulled(): Promise<CardKey[]> {
    const res = await call(`${t.url}${syncPath(CARD_KEYS_COLLECTION, 'pull')}?limit=100`, {
      bearer: device.token,
    });
    expect(res.status).toBe(200);
    return res.body.documents.map(({ _deleted, ...doc }: CardKey & { _deleted: boolean }) => doc);
  }

  it('publishes the signing key at start, for every device to pull', async () => {
    const signing = t.server.cardKeys.signingKey();
    expect(await pulled()).toEqual([
      { id: signing.keyId, publicKey: signing.publicKey, updatedAt: expect.any(Number) },
    ]);
    // a start without a rotation changes nothing (no kiosk is woken for nothing)
    expect(await publishCardKeys(t.server.store.db, t.server.cardKeys)).toBe(0);
  });

  it('refuses a device pushing a "server key" of its own, and stores nothing', async () => {
    const forged = { id: 'Forged00000', publicKey: 'A'.repeat(43), updatedAt: Date.now() };
    const before = await pulled();
    const res = await call(`${t.url}${syncPath(CARD_KEYS_COLLECTION, 'push')}`, {
      bearer: device.token,
      body: [{ newDocumentState: { ...forged, _deleted: false } }],
    });
    expect(res.status).toBe(403);
    // nor may it change a published key (give it a key of its own, or end the current one's trust)
    const [current] = before as [CardKey];
    for (const change of [{ publicKey: 'B'.repeat(43) }, { validUntil: 1 }]) {
      const attempt = await call(`${t.url}${syncPath(CARD_KEYS_COLLECTION, 'push')}`, {
        bearer: device.token,
        body: [
          {
            assumedMasterState: { ...current, _deleted: false },
            newDocumentState: { ...current, ...change, updatedAt: current.updatedAt + 1, _deleted: false },
          },
        ],
      });
      expect(attempt.status).toBe(403);
    }
    expect(await pulled()).toEqual(before);
  });

  it('publishes a rotation: the new key, and the old one until the end of its grace, waking kiosk streams', async () => {
    const old = t.server.cardKeys.signingKey();
    const stream = await openSse(`${t.url}${syncPath(CARD_KEYS_COLLECTION, 'stream')}`, device.token);
    expect(await stream.waitFor('event: ready', 10_000)).toBe(true);
    const now = Date.now();
    const rotated = rotateCardKey(keyFile(), 30 * DAY_MS, now);
    expect(await publishCardKeys(t.server.store.db, fileCardKeyProvider(rotated), now + 1)).toBe(2);
    // the publication wakes the kiosks that are online, like any server write
    expect(await stream.waitFor('event: changes', 10_000)).toBe(true);
    stream.close();
    const keys = new Map((await pulled()).map((k) => [k.id, k]));
    expect(keys.get(rotated.current.keyId)).toMatchObject({ publicKey: rotated.current.publicKey });
    expect(keys.get(rotated.current.keyId)?.validUntil).toBeUndefined();
    expect(keys.get(old.keyId)).toMatchObject({ publicKey: old.publicKey, validUntil: now + 30 * DAY_MS });
  });

  it('ends the trust in every published key the key file no longer holds (a replaced file)', async () => {
    const before = readCardKeyFile(keyFile());
    const replaced = fileCardKeyProvider(newCardKeyFile());
    const now = Date.now() + 2;
    await publishCardKeys(t.server.store.db, replaced, now);
    const keys = new Map(
      (await listDocuments<CardKey>(t.server.store.db, CARD_KEYS_COLLECTION)).map((k) => [k.id, k]),
    );
    expect(keys.get(before.current.keyId)?.validUntil).toBe(now);
    expect(keys.get(replaced.signingKey().keyId)?.validUntil).toBeUndefined();
    // the retired key in grace too: the key file, not the database, says which keys the city trusts
    expect(before.retired[0]?.validUntil).toBeGreaterThan(now);
    expect(keys.get(before.retired[0]?.keyId as string)?.validUntil).toBe(now);
    expect(await publishCardKeys(t.server.store.db, replaced, now + 1)).toBe(0);
  });
});
