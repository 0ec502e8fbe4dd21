import { generateKeyPair, type SigningKeyPair } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/**
 * The server's Ed25519 key: it signs the cards the server issues. Made once, on first start, and kept in the
 * store (not in the repository or the environment), so every replica of one city signs with the same key.
 */
export async function ensureServerKey(db: Kysely<Database>): Promise<SigningKeyPair> {
  const existing = await db.selectFrom('server_keys').selectAll().orderBy('created_at').executeTakeFirst();
  if (existing)
    return { keyId: existing.key_id, publicKey: existing.public_key, secretKey: existing.secret_key };
  const key = generateKeyPair();
  await db
    .insertInto('server_keys')
    .values({
      key_id: key.keyId,
      public_key: key.publicKey,
      secret_key: key.secretKey,
      created_at: Date.now(),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  // Two replicas starting together: whichever inserted first is the key.
  const row = await db.selectFrom('server_keys').selectAll().orderBy('created_at').executeTakeFirstOrThrow();
  return { keyId: row.key_id, publicKey: row.public_key, secretKey: row.secret_key };
}
