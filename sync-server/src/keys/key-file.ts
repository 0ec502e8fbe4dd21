import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateKeyPair, keyPairFromSecretKey, type SigningKeyPair } from '@vigevano/protocol';
import { PRIVATE_FILE_MODE, privateDir } from '../store/private-files';
import type { CardKeyProvider, PublishedCardKey } from './card-key-provider';

/** The key file's format tag; a file without it is refused rather than guessed at. */
const FORMAT = 'vigevano-card-keys/1';

/** How long cards signed by a retired key stay valid after a rotation, unless the operator says otherwise. */
export const DEFAULT_ROTATION_GRACE_MS = 180 * 86_400_000;

/**
 * The key file: the current signing key (with its secret) and the retired public keys still in their grace
 * period (their secrets are dropped at rotation: nothing signs with them again).
 */
export interface CardKeyFile {
  format: typeof FORMAT;
  current: { keyId: string; publicKey: string; secretKey: string; createdAt: number };
  retired: Array<{ keyId: string; publicKey: string; retiredAt: number; validUntil: number }>;
}

export class CardKeyFileError extends Error {
  override name = 'CardKeyFileError';
}

/** Reads and checks a key file; throws CardKeyFileError naming the file when it is not one. */
export function readCardKeyFile(path: string): CardKeyFile {
  let parsed: CardKeyFile;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as CardKeyFile;
  } catch (error) {
    throw new CardKeyFileError(`card key file ${path} is unreadable: ${(error as Error).message}`);
  }
  const current = parsed?.current;
  if (parsed?.format !== FORMAT || !current || !Array.isArray(parsed.retired))
    throw new CardKeyFileError(`card key file ${path} is not a ${FORMAT} file`);
  const derived = keyPairFromSecretKey(current.secretKey);
  if (derived.publicKey !== current.publicKey || derived.keyId !== current.keyId)
    throw new CardKeyFileError(`card key file ${path}: the secret key does not match its public key`);
  return parsed;
}

/**
 * Writes the key file atomically and durably (a 0600 temp file, fsynced, renamed over it), its folder 0700: the
 * key may be leaving the database at the same time, so it must be on disk before that.
 */
export function writeCardKeyFile(path: string, file: CardKeyFile): void {
  privateDir(dirname(path));
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** A new key file around `key` (a fresh one by default). */
export function newCardKeyFile(key: SigningKeyPair = generateKeyPair(), now = Date.now()): CardKeyFile {
  return {
    format: FORMAT,
    current: { keyId: key.keyId, publicKey: key.publicKey, secretKey: key.secretKey, createdAt: now },
    retired: [],
  };
}

/** The provider over a key file read once (a rotation takes effect at the server's next start). */
export function fileCardKeyProvider(file: CardKeyFile): CardKeyProvider {
  const signing: SigningKeyPair = {
    keyId: file.current.keyId,
    publicKey: file.current.publicKey,
    secretKey: file.current.secretKey,
  };
  return {
    signingKey: () => signing,
    publishedKeys: (now = Date.now()): PublishedCardKey[] => [
      { keyId: signing.keyId, publicKey: signing.publicKey, validUntil: null },
      ...file.retired
        .filter((k) => k.validUntil > now)
        .map((k) => ({ keyId: k.keyId, publicKey: k.publicKey, validUntil: k.validUntil })),
    ],
  };
}

/**
 * Rotates the card-signing key in the file at `path`: a new key signs from now on; the old public key stays
 * published until `now + graceMs`, so cards it signed stay valid that long, and its secret is dropped. Retired keys
 * past their grace are dropped too. Returns the new file. Restart the server(s) to use it.
 */
export function rotateCardKey(
  path: string,
  graceMs = DEFAULT_ROTATION_GRACE_MS,
  now = Date.now(),
): CardKeyFile {
  if (!Number.isFinite(graceMs) || graceMs < 0) throw new CardKeyFileError('the grace period must be ≥ 0 ms');
  const old = readCardKeyFile(path);
  const next = newCardKeyFile(generateKeyPair(), now);
  next.retired = [
    {
      keyId: old.current.keyId,
      publicKey: old.current.publicKey,
      retiredAt: now,
      validUntil: now + graceMs,
    },
    ...old.retired.filter((k) => k.validUntil > now),
  ];
  writeCardKeyFile(path, next);
  return next;
}
