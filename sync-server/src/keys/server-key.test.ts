import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { encodeCardToken, generateKeyPair, SERVER_ISSUER, verifyCardToken } from '@vigevano/protocol';
import { tempDir } from '@vigevano/testkit/tmp';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, testStoreKinds } from '../store/test-stores';
import type { CardKeyProvider } from './card-key-provider';
import { readCardKeyFile, rotateCardKey } from './key-file';
import { CARD_KEY_ID_SETTING, loadCardKeys } from './server-key';

// Issue 13, item 6: the card-signing key lives in a 0600 file outside the database, the key of an older database
// moves there on first start, and a rotation keeps the old key's cards valid until its grace period ends.

const T0 = Date.UTC(2026, 10, 29, 12);
const DAY = 86_400_000;

/** Verifies a card against what the server publishes at `now`, as a kiosk does offline. */
function verifyAt(cardKeys: CardKeyProvider, token: string, now: number) {
  const keys = cardKeys.publishedKeys(now);
  return verifyCardToken(token, (keyId) => {
    const key = keys.find((k) => k.keyId === keyId);
    return key ? { id: SERVER_ISSUER, keyId: key.keyId, publicKey: key.publicKey } : undefined;
  });
}

const cardSignedBy = (key: { publicKey: string; secretKey: string }) =>
  encodeCardToken({ cardId: ulid(T0), alias: 'Lupo', language: 'it', issuedAt: T0 }, key);

describe.each(testStoreKinds())('card-signing key on %s', (kind) => {
  let store: TestStore;
  let dir: ReturnType<typeof tempDir>;
  let keyFile: string;
  beforeEach(async () => {
    store = await openTestStore(kind);
    dir = tempDir('vigevano-keys-');
    keyFile = join(dir.path, 'keys', 'card-signing-key.json');
  });
  afterEach(async () => {
    await store.cleanup();
    dir.remove();
  });

  it('makes the key on first start in a 0600 file in a 0700 folder, and keeps no secret in the database', async () => {
    const cardKeys = await loadCardKeys(store.store.db, keyFile, T0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir.path, 'keys')).mode & 0o777).toBe(0o700);
    expect(readCardKeyFile(keyFile).current.secretKey).toBe(cardKeys.signingKey().secretKey);
    expect(await store.store.db.selectFrom('server_keys').selectAll().execute()).toEqual([]);
    const setting = await store.store.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', CARD_KEY_ID_SETTING)
      .executeTakeFirst();
    expect(setting?.value).toBe(cardKeys.signingKey().keyId);
    // the same key at the next start
    expect((await loadCardKeys(store.store.db, keyFile)).signingKey()).toEqual(cardKeys.signingKey());
  });

  it('moves a key kept in the database (older versions) to the file, then deletes it from the table', async () => {
    const legacy = generateKeyPair();
    await store.store.db
      .insertInto('server_keys')
      .values({
        key_id: legacy.keyId,
        public_key: legacy.publicKey,
        secret_key: legacy.secretKey,
        created_at: T0,
      })
      .execute();
    const cardKeys = await loadCardKeys(store.store.db, keyFile);
    expect(cardKeys.signingKey()).toEqual(legacy);
    expect(readCardKeyFile(keyFile).current).toMatchObject({
      keyId: legacy.keyId,
      secretKey: legacy.secretKey,
    });
    expect(await store.store.db.selectFrom('server_keys').selectAll().execute()).toEqual([]);
    // cards the old key signed before the upgrade still verify
    expect(verifyAt(cardKeys, cardSignedBy(legacy), T0).ok).toBe(true);
  });

  it('refuses to start without the key file once the city has a key, instead of signing with a new one', async () => {
    await loadCardKeys(store.store.db, keyFile);
    await expect(loadCardKeys(store.store.db, join(dir.path, 'other', 'key.json'))).rejects.toThrow(
      'copy the key file',
    );
  });

  it('rotates: new cards use the new key, old cards stay valid until the grace period ends, then are refused', async () => {
    const before = await loadCardKeys(store.store.db, keyFile, T0);
    const oldKey = before.signingKey();
    const oldCard = cardSignedBy(oldKey);
    const staleCopy = join(dir.path, 'stale-copy.json');
    copyFileSync(keyFile, staleCopy);
    rotateCardKey(keyFile, 30 * DAY, T0 + DAY);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const after = await loadCardKeys(store.store.db, keyFile, T0 + DAY);
    expect(after.signingKey().keyId).not.toBe(oldKey.keyId);
    expect(JSON.stringify(readCardKeyFile(keyFile))).not.toContain(oldKey.secretKey);
    expect(after.publishedKeys(T0 + DAY)).toEqual([
      { keyId: after.signingKey().keyId, publicKey: after.signingKey().publicKey, validUntil: null },
      { keyId: oldKey.keyId, publicKey: oldKey.publicKey, validUntil: T0 + 31 * DAY },
    ]);
    const newCard = cardSignedBy(after.signingKey());
    expect(verifyAt(after, newCard, T0 + DAY).ok).toBe(true);
    expect(verifyAt(after, oldCard, T0 + 30 * DAY).ok).toBe(true);
    const expired = verifyAt(after, oldCard, T0 + 31 * DAY + 1);
    expect(expired).toMatchObject({ ok: false, code: 'unknown_issuer' });
    expect(verifyAt(after, newCard, T0 + 365 * DAY).ok).toBe(true);
    // the database now names the new key: a replica still holding the old file refuses to start
    await expect(loadCardKeys(store.store.db, staleCopy)).rejects.toThrow('an old copy');
  });
});
