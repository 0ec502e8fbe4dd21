import { type IssuerKey, SERVER_ISSUER } from '@vigevano/protocol';
import type { KioskDatabase } from '../database/open';
import type { KioskIdentity } from '../identity';

/**
 * Finds the issuer of a card by the key id printed in it: the server's key (from enrolment) or an enrolled
 * device's key (synced in `devices`). A revoked device's key still verifies the cards it printed before: they sit
 * in `cards` on the server; a revoked device's cards that nobody has seen are refused as unknown, because a stolen
 * kiosk could keep printing them.
 */
export async function issuerDirectory(
  db: KioskDatabase,
  identity: KioskIdentity,
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
  return (keyId) => keys.get(keyId);
}
