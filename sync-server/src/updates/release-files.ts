import { createHash, randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RELEASE_SIGNATURE_SUFFIX, verifyReleaseSignature } from '@vigevano/protocol';
import { parse, stringify } from 'yaml';

/** Release files electron-builder makes for the generic provider: the metadata, the AppImage, its blockmap. */
const RELEASE_FILE = /^(latest(-linux)?\.yml|[A-Za-z0-9._-]{1,120}\.(AppImage|blockmap|exe|deb))$/;
const CHANNEL = /^[a-z0-9-]{1,32}$/;

export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

function channelDir(updatesDir: string, channel: string): string {
  if (!CHANNEL.test(channel)) throw new ReleaseError(`canale non valido: ${channel}`);
  return join(updatesDir, channel);
}

/** An upload larger than the configured cap (answered 413). */
export class ReleaseTooLarge extends ReleaseError {
  override name = 'ReleaseTooLarge';
}

/** Release metadata (latest*.yml) is a few hundred bytes; anything near this is not electron-builder's file. */
const MAX_METADATA_BYTES = 1024 * 1024;

/** The files a kiosk installs, which must come with a release signature; metadata and blockmaps do not. */
function isInstallable(name: string): boolean {
  return /\.(AppImage|exe|deb)$/.test(name);
}

/**
 * Stores one uploaded release file from a stream, never holding it in memory: the bytes go to a hidden temp file
 * beside the target (SHA-512 computed on the way), are checked, then renamed into place, so a kiosk never
 * downloads half a file and a refused upload leaves nothing behind.
 *
 * An installable file (AppImage, exe, deb) must carry its detached signature (base64, scripts/sign-release.ts),
 * checked here against the city's release public key and stored beside it as `<name>.sig`; the kiosk checks it
 * again before installing, with the key it pinned at enrolment.
 *
 * @param maxBytes the cap in bytes; a declared or actual size above it throws ReleaseTooLarge
 * @throws ReleaseError for a bad name, channel, metadata or signature (nothing is stored)
 */
export async function storeReleaseStream(input: {
  updatesDir: string;
  channel: string;
  name: string;
  body: Readable;
  maxBytes: number;
  declaredBytes: number | undefined;
  signature: string | undefined;
  releasePublicKey: string | undefined;
}): Promise<{ bytes: number; sha512: string }> {
  const { name } = input;
  if (!RELEASE_FILE.test(name)) throw new ReleaseError(`nome di file non ammesso: ${name}`);
  const dir = channelDir(input.updatesDir, input.channel);
  const limit = name.endsWith('.yml') ? Math.min(MAX_METADATA_BYTES, input.maxBytes) : input.maxBytes;
  if (input.declaredBytes !== undefined && input.declaredBytes > limit) throw tooLarge(name, limit);
  if (isInstallable(name)) {
    if (!input.releasePublicKey)
      throw new ReleaseError(
        'il server non ha una chiave di firma dei rilasci (RELEASE_PUBLIC_KEY): i totem rifiuterebbero questo rilascio',
      );
    if (!input.signature)
      throw new ReleaseError(
        `${name} va caricato con la sua firma nell'intestazione X-Release-Signature (scripts/sign-release.ts)`,
      );
  }

  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.upload`);
  const hash = createHash('sha512');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) return callback(tooLarge(name, limit));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(input.body, meter, createWriteStream(temporary, { flags: 'wx', mode: 0o644 }));
    const sha512 = hash.digest('hex');
    if (name.endsWith('.yml')) checkMetadata(name, readFileSync(temporary, 'utf8'));
    if (isInstallable(name)) {
      const verdict = verifyReleaseSignature({
        publicKey: input.releasePublicKey,
        fileName: name,
        sha512Hex: sha512,
        signature: input.signature,
      });
      if (!verdict.ok)
        throw new ReleaseError(
          `la firma di ${name} non corrisponde alla chiave dei rilasci della città (${verdict.reason}): firma questo file con scripts/sign-release.ts`,
        );
      // The signature first: a kiosk that fetches in between finds the new file's signature and the old file,
      // refuses, and tries again later; never an unsigned new file.
      const signatureTemporary = `${temporary}.sig`;
      writeFileSync(signatureTemporary, `${input.signature?.trim()}\n`);
      renameSync(signatureTemporary, join(dir, `${name}${RELEASE_SIGNATURE_SUFFIX}`));
    }
    renameSync(temporary, join(dir, name));
    return { bytes, sha512 };
  } finally {
    rmSync(temporary, { force: true });
  }
}

function tooLarge(name: string, limit: number): ReleaseTooLarge {
  return new ReleaseTooLarge(
    `${name} supera il limite di ${limit} byte per un file di rilascio (RELEASE_MAX_BYTES sul server)`,
  );
}

function checkMetadata(name: string, text: string): void {
  let meta: { version?: unknown; files?: unknown } | undefined;
  try {
    meta = parse(text) as typeof meta;
  } catch (error) {
    throw new ReleaseError(`${name} non è YAML valido: ${(error as Error).message}`);
  }
  if (typeof meta?.version !== 'string' || !Array.isArray(meta.files))
    throw new ReleaseError(`${name} non è un file di rilascio di electron-builder (mancano version o files)`);
}

/**
 * A staged rollout: electron-updater reads `stagingPercentage` from latest-linux.yml and each kiosk takes the
 * update when its own stable random number falls under it. 100 releases to every kiosk.
 */
export function setRollout(
  updatesDir: string,
  channel: string,
  percentage: number,
): { version: string; stagingPercentage: number } {
  if (!Number.isInteger(percentage) || percentage < 1 || percentage > 100)
    throw new ReleaseError('la percentuale di distribuzione va da 1 a 100');
  const file = join(channelDir(updatesDir, channel), 'latest-linux.yml');
  if (!existsSync(file)) throw new ReleaseError(`nessun rilascio caricato sul canale ${channel}`);
  const meta = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  meta.stagingPercentage = percentage;
  const temporary = `${file}.rollout`;
  writeFileSync(temporary, stringify(meta));
  renameSync(temporary, file);
  return { version: String(meta.version), stagingPercentage: percentage };
}
