import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ApiErrorBody,
  deviceRoutes,
  type EnrolResponse,
  generateKeyPair,
  isReleasePublicKey,
} from '@vigevano/protocol';
import type { KioskIdentity } from '../identity';
import { checkServerUrl, insecureHttpWarning, ServerUrlError } from '../server-url';

export class EnrolmentFailure extends Error {
  override name = 'EnrolmentFailure';
}

/**
 * Enrols this kiosk with the city server: a fresh Ed25519 key pair (the secret key never leaves the kiosk), the
 * one-time code a coordinator created, and the identity the server returns, written to DATA/identity.json
 * (mode 0600, atomically: a power cut leaves no half identity).
 */
export async function enrolKiosk(input: {
  dataDir: string;
  serverUrl: string;
  code: string;
  name: string;
  /** the lab escape hatch: plain http to another machine (server-url.ts) */
  allowInsecureHttp?: boolean;
}): Promise<KioskIdentity> {
  try {
    const checked = checkServerUrl(input.serverUrl, { allowInsecureHttp: input.allowInsecureHttp ?? false });
    if (checked.insecure) console.warn(insecureHttpWarning(checked.url));
  } catch (error) {
    // Before anything is sent: the code is a credential, and http would show it to the network.
    if (error instanceof ServerUrlError) throw new EnrolmentFailure(error.message);
    throw error;
  }
  const key = generateKeyPair();
  let res: Response;
  try {
    res = await fetch(new URL(deviceRoutes.enrol.path, input.serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: input.code, name: input.name, publicKey: key.publicKey }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new EnrolmentFailure(
      `il server ${input.serverUrl} non è raggiungibile: controlla l'indirizzo e la rete`,
    );
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
    throw new EnrolmentFailure(
      body?.error.code === 'enrolment_code_invalid'
        ? 'codice non valido, già usato o scaduto: chiedi al coordinamento un codice nuovo'
        : `il server ha rifiutato la registrazione (${res.status}${body ? `: ${body.error.message}` : ''})`,
    );
  }
  const enrolled = (await res.json()) as EnrolResponse;
  const identity: KioskIdentity = {
    deviceId: enrolled.deviceId,
    hubId: enrolled.hubId,
    name: input.name,
    serverUrl: input.serverUrl,
    token: enrolled.token,
    publicKey: key.publicKey,
    secretKey: key.secretKey,
    keyId: key.keyId,
    serverPublicKey: enrolled.serverPublicKey,
    serverKeyId: enrolled.serverKeyId,
    // Pinned here, once: later releases must be signed with this key whatever the server says afterwards.
    ...(enrolled.releasePublicKey && isReleasePublicKey(enrolled.releasePublicKey)
      ? { releasePublicKey: enrolled.releasePublicKey }
      : {}),
  };
  const target = join(input.dataDir, 'identity.json');
  const temporary = `${target}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(identity, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
  return identity;
}
