import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { releaseDecision, signatureUrl } from './update-feed';

/**
 * Checks a release electron-updater has downloaded, before it may be installed: hashes the file, fetches its
 * `.sig` from the same feed and asks releaseDecision. The I/O around the pure decision, kept out of main.ts so it
 * runs (and is tested) without Electron.
 * @param feedUrl the generic feed's URL (updateFeed().url)
 * @param downloadedFile the path electron-updater reports in `update-downloaded`
 */
export async function checkDownloadedRelease(input: {
  feedUrl: string;
  downloadedFile: string;
  releasePublicKey: string | undefined;
}): Promise<{ install: true } | { install: false; why: string }> {
  const fileName = basename(input.downloadedFile);
  const hash = createHash('sha512');
  await pipeline(createReadStream(input.downloadedFile), hash);
  let signature: string | undefined;
  if (input.releasePublicKey) {
    const res = await fetch(signatureUrl(input.feedUrl, fileName), { signal: AbortSignal.timeout(30_000) });
    // A missing signature is a refusal (unsigned), not an error to retry around.
    if (res.ok) signature = (await res.text()).slice(0, 1_000);
    else await res.body?.cancel();
  }
  return releaseDecision({
    releasePublicKey: input.releasePublicKey,
    fileName,
    sha512Hex: hash.digest('hex'),
    signature,
  });
}
