import type { CardKey } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { listDocuments, putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import type { CardKeyProvider } from './card-key-provider';

/** The collection kiosks pull the city's card-signing public keys from (packages/protocol card-keys.ts). */
export const CARD_KEYS_COLLECTION = 'card_keys';

/**
 * Publishes the city's card-signing public keys as server-written `card_keys` documents, which every kiosk pulls:
 * the signing key (no `validUntil`) and the retired keys still in grace (their `validUntil`). Called at every
 * start, which is when a rotation takes effect (the key file is read once). A stored key the provider no longer
 * publishes (its grace is over, or the key file was replaced) is retired at `now` if the stored document still
 * trusts it, so kiosks stop accepting its cards. Only changed documents are written, so a restart without a
 * rotation wakes nobody. Returns the number of documents written.
 */
export async function publishCardKeys(
  db: Kysely<Database>,
  cardKeys: CardKeyProvider,
  now = Date.now(),
): Promise<number> {
  const stored = new Map(
    (await listDocuments<CardKey>(db, CARD_KEYS_COLLECTION)).map((k) => [k.id, k] as const),
  );
  const wanted = new Map<string, CardKey>();
  for (const key of cardKeys.publishedKeys(now)) {
    const doc: CardKey = { id: key.keyId, publicKey: key.publicKey, updatedAt: now };
    if (key.validUntil !== null) doc.validUntil = key.validUntil;
    wanted.set(doc.id, doc);
  }
  for (const old of stored.values())
    if (!wanted.has(old.id) && (old.validUntil === undefined || old.validUntil > now))
      wanted.set(old.id, { ...old, validUntil: now, updatedAt: now });
  const changed = [...wanted.values()].filter((doc) => {
    const before = stored.get(doc.id);
    return !before || before.publicKey !== doc.publicKey || before.validUntil !== doc.validUntil;
  });
  // updatedAt must grow for RxDB's checkpoint order to see a change even when the clock went back.
  for (const doc of changed) doc.updatedAt = Math.max(now, (stored.get(doc.id)?.updatedAt ?? 0) + 1);
  await putDocuments(
    db,
    changed.map((body) => ({ collection: CARD_KEYS_COLLECTION, hubId: null, body, at: null })),
  );
  return changed.length;
}
