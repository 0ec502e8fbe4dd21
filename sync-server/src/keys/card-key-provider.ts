import type { SigningKeyPair } from '@vigevano/protocol';

/** A public key whose cards are still valid: the signing key (no end) or a retired one in its grace period. */
export interface PublishedCardKey {
  keyId: string;
  /** Ed25519 public key, base64url without padding */
  publicKey: string;
  /** ms since the epoch after which cards signed by this key are refused; null for the current signing key */
  validUntil: number | null;
}

/**
 * Where the server's card-signing key comes from. The file provider (key-file.ts) keeps it in a 0600 file beside
 * the city data; an HSM or a cloud KMS can take its place by implementing this interface (the secret key then never
 * leaves it: signing would move behind the provider too).
 */
export interface CardKeyProvider {
  /** the key that signs the cards the server issues now */
  signingKey(): SigningKeyPair;
  /** every public key whose cards are valid at `now` (ms): the signing key first, then retired ones in grace */
  publishedKeys(now?: number): PublishedCardKey[];
}
