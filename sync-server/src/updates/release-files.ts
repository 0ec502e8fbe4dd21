import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/** Release files electron-builder makes for the generic provider: the metadata, the AppImage, its blockmap. */
export const RELEASE_FILE = /^(latest(-linux)?\.yml|[A-Za-z0-9._-]{1,120}\.(AppImage|blockmap|exe|deb))$/;
export const CHANNEL = /^[a-z0-9-]{1,32}$/;

export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

export function channelDir(updatesDir: string, channel: string): string {
  if (!CHANNEL.test(channel)) throw new ReleaseError(`canale non valido: ${channel}`);
  return join(updatesDir, channel);
}

/** Stores one uploaded release file (written aside, then renamed: a kiosk never downloads half a file). */
export function storeReleaseFile(updatesDir: string, channel: string, name: string, body: Buffer): void {
  if (!RELEASE_FILE.test(name)) throw new ReleaseError(`nome di file non ammesso: ${name}`);
  if (name.endsWith('.yml')) {
    const meta = parse(body.toString('utf8')) as { version?: unknown; files?: unknown };
    if (typeof meta?.version !== 'string' || !Array.isArray(meta.files))
      throw new ReleaseError(
        `${name} non è un file di rilascio di electron-builder (mancano version o files)`,
      );
  }
  const dir = channelDir(updatesDir, channel);
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.${name}.upload`);
  writeFileSync(temporary, body);
  renameSync(temporary, join(dir, name));
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
