import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isReleasePublicKey, type KioskIdentity } from '@vigevano/protocol';
import { checkServerUrl, insecureHttpWarning, ServerUrlError } from './server-url';

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

/** readIdentityWith and no escape hatch: the server address must be https unless on this machine. */
export function readIdentity(dataDir: string): KioskIdentity {
  return readIdentityWith(dataDir, {});
}

/**
 * Reads DATA/identity.json; a missing or damaged file is an error that says which and what to do. Its server
 * address must be https unless on this machine (server-url.ts); `allowInsecureHttp` (the lab escape hatch) lets
 * plain http through, with `warn` told each time.
 * @throws IdentityError
 */
export function readIdentityWith(
  dataDir: string,
  options: { allowInsecureHttp?: boolean; warn?: (message: string) => void } = {},
): KioskIdentity {
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
  const identity = Object.fromEntries(REQUIRED.map((k) => [k, record[k]])) as unknown as KioskIdentity;
  try {
    const checked = checkServerUrl(identity.serverUrl, {
      allowInsecureHttp: options.allowInsecureHttp ?? false,
    });
    if (checked.insecure) (options.warn ?? console.warn)(insecureHttpWarning(checked.url));
  } catch (error) {
    if (error instanceof ServerUrlError) throw new IdentityError(`${path}: ${error.message}`);
    throw error;
  }
  // Optional: kiosks enrolled before signed releases, or with a city that configured no release key, have none.
  const releasePublicKey = record.releasePublicKey;
  if (releasePublicKey === undefined) return identity;
  if (typeof releasePublicKey !== 'string' || !isReleasePublicKey(releasePublicKey))
    throw new IdentityError(`${path}: releasePublicKey non è una chiave pubblica Ed25519 (base64url)`);
  return { ...identity, releasePublicKey };
}
