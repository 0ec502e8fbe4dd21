import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskIdentity } from '@vigevano/protocol';

export type { KioskIdentity };

const REQUIRED: Array<keyof KioskIdentity> = [
  'deviceId',
  'hubId',
  'name',
  'serverUrl',
  'token',
  'publicKey',
  'secretKey',
  'keyId',
  'serverPublicKey',
  'serverKeyId',
];

export class IdentityError extends Error {
  override name = 'IdentityError';
}

/** Reads DATA/identity.json; a missing or damaged file is an error that says which and what to do. */
export function readIdentity(dataDir: string): KioskIdentity {
  const path = join(dataDir, 'identity.json');
  if (!existsSync(path))
    throw new IdentityError(
      `${path} non esiste: questo totem non è registrato (serve un codice di registrazione)`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new IdentityError(`${path} è danneggiato: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new IdentityError(`${path}: non è un oggetto JSON`);
  const record = parsed as Record<string, unknown>;
  const missing = REQUIRED.filter((key) => typeof record[key] !== 'string' || record[key] === '');
  if (missing.length > 0) throw new IdentityError(`${path}: mancano ${missing.join(', ')}`);
  return Object.fromEntries(REQUIRED.map((k) => [k, record[k]])) as unknown as KioskIdentity;
}
