import { ed25519 } from '@noble/curves/ed25519.js';
import { base64, base64urlnopad } from '@scure/base';

/**
 * Kiosk releases are signed off the server by the release manager (scripts/sign-release.ts) with an Ed25519 key
 * (RFC 8032) whose public half the server hands to kiosks at enrolment. The signature is detached: a file
 * `<release file>.sig` beside the release, holding the base64 of the 64-byte signature.
 *
 * What is signed is not the raw file (Ed25519 is not streaming: signing 150 MB would hold it all in memory) but a
 * short statement naming the file and its SHA-512. Naming the file means a signature of one release cannot be
 * passed off as the signature of another (an older, vulnerable one renamed as the newest, say).
 */
export const RELEASE_SIGNATURE_SUFFIX = '.sig';

/** The statement a release signature covers (UTF-8): a fixed tag, the file's base name, its SHA-512 in hex. */
export function releaseSignedStatement(fileName: string, sha512Hex: string): Uint8Array {
  if (!/^[0-9a-f]{128}$/.test(sha512Hex)) throw new Error('sha512 must be 128 lowercase hex digits');
  return new TextEncoder().encode(`vigevano-kiosk-release/v1\n${fileName}\n${sha512Hex}\n`);
}

/** Why a release is refused, for the kiosk's log. */
export type ReleaseVerdict =
  | { ok: true }
  | { ok: false; reason: 'no_release_key' | 'unsigned' | 'malformed_signature' | 'bad_signature' };

/**
 * Checks a release's detached signature.
 * @param publicKey the release public key pinned at enrolment (raw 32 bytes, base64url without padding), or
 *   undefined when the city configured none (every release is then refused)
 * @param fileName the release file's base name, as downloaded
 * @param sha512Hex SHA-512 of the downloaded bytes, lowercase hex
 * @param signature the `.sig` file's text (base64 of 64 bytes), or undefined when the server has none
 */
export function verifyReleaseSignature(input: {
  publicKey: string | undefined;
  fileName: string;
  sha512Hex: string;
  signature: string | undefined;
}): ReleaseVerdict {
  if (!input.publicKey) return { ok: false, reason: 'no_release_key' };
  if (input.signature === undefined || input.signature.trim() === '')
    return { ok: false, reason: 'unsigned' };
  let signature: Uint8Array;
  let key: Uint8Array;
  try {
    signature = base64.decode(input.signature.trim());
    key = base64urlnopad.decode(input.publicKey);
  } catch {
    return { ok: false, reason: 'malformed_signature' };
  }
  if (signature.length !== 64 || key.length !== 32) return { ok: false, reason: 'malformed_signature' };
  const statement = releaseSignedStatement(input.fileName, input.sha512Hex);
  try {
    return ed25519.verify(signature, statement, key) ? { ok: true } : { ok: false, reason: 'bad_signature' };
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
}

/** Whether a text is a release public key: raw Ed25519, 32 bytes, base64url without padding. */
export function isReleasePublicKey(text: string): boolean {
  try {
    return base64urlnopad.decode(text).length === 32;
  } catch {
    return false;
  }
}
