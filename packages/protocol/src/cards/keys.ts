import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlnopad } from '@scure/base';

/** An Ed25519 key pair as stored in identities and sent over the wire: base64url without padding. */
export interface SigningKeyPair {
  publicKey: string;
  secretKey: string;
  keyId: string;
}

export function generateKeyPair(): SigningKeyPair {
  const { secretKey, publicKey } = ed25519.keygen();
  const pub = base64urlnopad.encode(publicKey);
  return { publicKey: pub, secretKey: base64urlnopad.encode(secretKey), keyId: keyIdOf(pub) };
}

/** The key pair of a stored secret key (base64url): what a kiosk reloads from its identity, or a fixed test key. */
export function keyPairFromSecretKey(secretKey: string): SigningKeyPair {
  const publicKey = base64urlnopad.encode(ed25519.getPublicKey(base64urlnopad.decode(secretKey)));
  return { publicKey, secretKey, keyId: keyIdOf(publicKey) };
}

export function keyIdBytesOf(publicKey: string): Uint8Array {
  return sha256(base64urlnopad.decode(publicKey)).slice(0, KEY_ID_BYTES);
}

/** The short name of a public key printed in every card it signs: 8 bytes of its SHA-256, 11 base64url chars. */
export function keyIdOf(publicKey: string): string {
  return base64urlnopad.encode(keyIdBytesOf(publicKey));
}

export const KEY_ID_BYTES = 8;
