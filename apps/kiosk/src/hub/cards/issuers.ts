import { type IssuerKey, SERVER_ISSUER } from '@vigevano/protocol';
import type { KioskDatabase } from '../database/open';
import type { KioskIdentity } from '../identity';

/**
 * Finds the issuer of a card by the key id printed in it: one of the city's card-signing keys (the one from
 * enrolment, and those synced in `card_keys`, so a key rotation reaches kiosks enrolled before it) or an enrolled
 * device's key (synced in `devices`). A server key retired at `now` (ms; past its `validUntil`) is refused as
 * unknown, even the enrolment one: its grace period is over. A revoked device's key still verifies the cards it
 * printed before: they sit in `cards` on the server; a revoked device's cards that nobody has seen are refused as
 * unknown, because a stolen kiosk could keep printing them.
 */
export async function issuerDirectory(
  db: KioskDatabase,
  identity: KioskIdentity,
  now: number = Date.now(),
): Promise<(keyId: string) => IssuerKey | undefined> {
  const devices = await db.devices.find().exec();
  const keys = new Map<string, IssuerKey & { revoked: boolean }>();
  keys.set(identity.serverKeyId, {
    id: SERVER_ISSUER,
    keyId: identity.serverKeyId,
    publicKey: identity.serverPublicKey,
    revoked: false,
  });
  for (const d of devices)
    keys.set(d.keyId, { id: d.id, keyId: d.keyId, publicKey: d.publicKey, revoked: d.revoked });
  // This kiosk always knows its own key, even before its own device document has synced back.
  if (!keys.has(identity.keyId))
    keys.set(identity.keyId, {
      id: identity.deviceId,
      keyId: identity.keyId,
      publicKey: identity.publicKey,
      revoked: false,
    });
  // Applied last: only the server writes `card_keys`, so no device document can shadow or revive a server key.
  for (const k of await db.card_keys.find().exec()) {
    if (k.validUntil !== undefined && k.validUntil <= now) keys.delete(k.id);
    else keys.set(k.id, { id: SERVER_ISSUER, keyId: k.id, publicKey: k.publicKey, revoked: false });
  }
  return (keyId) => keys.get(keyId);
}
