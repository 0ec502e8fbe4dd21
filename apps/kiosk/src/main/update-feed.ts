import { type ReleaseVerdict, verifyReleaseSignature } from '@vigevano/protocol';

/**
 * Kiosks update from the city's sync server, not from the internet: electron-updater's generic provider reads
 * `<server>/updates/<channel>/latest-linux.yml` and the files next to it, which a coordinator uploads. A staged
 * rollout is electron-updater's own `stagingPercentage` in that file: each kiosk takes the update when its stable
 * random id falls under the percentage.
 */
export function updateFeed(
  serverUrl: string,
  channel = 'stable',
): { provider: 'generic'; url: string; channel: string } {
  if (!/^[a-z0-9-]{1,32}$/.test(channel))
    throw new Error(`invalid update channel ${JSON.stringify(channel)}`);
  const base = new URL(serverUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new Error(`invalid server URL ${serverUrl}`);
  return {
    provider: 'generic',
    url: new URL(`updates/${channel}/`, base.href.endsWith('/') ? base : `${base.href}/`).href,
    channel,
  };
}

/** Where the detached signature of a release file is: `<file>.sig` beside it on the feed. */
export function signatureUrl(feedUrl: string, fileName: string): string {
  return new URL(`${encodeURIComponent(fileName)}.sig`, feedUrl).href;
}

const WHY: Record<Exclude<ReleaseVerdict, { ok: true }>['reason'], string> = {
  no_release_key:
    'this kiosk has no release public key (the city configured none when it enrolled): every update is refused; set RELEASE_PUBLIC_KEY on the server and enrol the kiosk again',
  unsigned: 'the server has no signature for this release',
  malformed_signature: 'the release signature is not an Ed25519 signature',
  bad_signature:
    "the release signature does not match this file and the city's release key (wrong key, altered bytes or another file's signature)",
};

/**
 * Whether a downloaded release may be installed: only when its detached signature verifies against the release
 * public key the kiosk pinned at enrolment (packages/protocol/src/kiosk/release-signature.ts). Pure: the caller
 * hashes the file and fetches the signature.
 * @param sha512Hex SHA-512 of the downloaded file, lowercase hex
 * @param signature the text of `<file>.sig`, undefined when the server had none
 * @returns install, or the reason to refuse in words for the kiosk's log
 */
export function releaseDecision(input: {
  releasePublicKey: string | undefined;
  fileName: string;
  sha512Hex: string;
  signature: string | undefined;
}): { install: true } | { install: false; why: string } {
  const verdict = verifyReleaseSignature({
    publicKey: input.releasePublicKey,
    fileName: input.fileName,
    sha512Hex: input.sha512Hex,
    signature: input.signature,
  });
  return verdict.ok
    ? { install: true }
    : { install: false, why: `${input.fileName}: ${WHY[verdict.reason]}` };
}
