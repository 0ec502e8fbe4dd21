import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { releaseSignedStatement } from '@vigevano/protocol';

/**
 * The release manager's side of signed kiosk updates (packages/protocol/src/kiosk/release-signature.ts): an
 * Ed25519 key pair made once and kept off the server, and a detached signature for each release file. node:crypto
 * does the Ed25519 (RFC 8032); the statement signed is the protocol's, so kiosks and the server check the same bytes.
 */

/** A new release key: the private key as PKCS#8 PEM (keep it offline), the public key as RELEASE_PUBLIC_KEY wants it. */
export function generateReleaseKey(): { privateKeyPem: string; publicKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { privateKeyPem, publicKey: releasePublicKeyOf(privateKeyPem) };
}

/**
 * The public key of a PKCS#8 PEM Ed25519 private key: raw 32 bytes, base64url without padding (the JWK `x`).
 * @throws Error when the PEM is not an Ed25519 private key
 */
export function releasePublicKeyOf(privateKeyPem: string): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the release key must be an Ed25519 private key');
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('no public key in the release key');
  return jwk.x;
}

/** SHA-512 of a file in lowercase hex, streamed (release files are large). */
export async function sha512OfFile(path: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * The detached signature of one release file: base64 of the 64-byte Ed25519 signature over the protocol's
 * statement (the file's base name and SHA-512), the text of `<file>.sig`.
 */
export async function signReleaseFile(privateKeyPem: string, path: string): Promise<string> {
  const statement = releaseSignedStatement(basename(path), await sha512OfFile(path));
  return sign(null, statement, createPrivateKey(privateKeyPem)).toString('base64');
}
