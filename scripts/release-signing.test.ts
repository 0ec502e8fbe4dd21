import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyReleaseSignature } from '@vigevano/protocol';
import { tsNodeCommand } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, describe, expect, it } from 'vitest';
import { generateReleaseKey, releasePublicKeyOf, sha512OfFile, signReleaseFile } from './release-signing';

const dir = tempDir('release-signing-');
afterAll(() => dir.remove());

describe('release signing (node:crypto) against the kiosk check (protocol)', () => {
  it('signs a file so that the release public key verifies it, and only that file', async () => {
    const { privateKeyPem, publicKey } = generateReleaseKey();
    expect(releasePublicKeyOf(privateKeyPem)).toBe(publicKey);
    const file = join(dir.path, 'Vigevano-Hub-Kiosk-0.3.0.AppImage');
    writeFileSync(file, 'ELF release bytes');
    const signature = await signReleaseFile(privateKeyPem, file);
    const sha512Hex = await sha512OfFile(file);
    const check = (fileName: string, digest: string, key = publicKey) =>
      verifyReleaseSignature({ publicKey: key, fileName, sha512Hex: digest, signature });
    expect(check('Vigevano-Hub-Kiosk-0.3.0.AppImage', sha512Hex)).toEqual({ ok: true });
    expect(check('Vigevano-Hub-Kiosk-0.2.0.AppImage', sha512Hex).ok).toBe(false);
    expect(check('Vigevano-Hub-Kiosk-0.3.0.AppImage', 'a'.repeat(128)).ok).toBe(false);
    expect(check('Vigevano-Hub-Kiosk-0.3.0.AppImage', sha512Hex, generateReleaseKey().publicKey).ok).toBe(
      false,
    );
  });

  it('the CLI makes a key once, refuses to overwrite it, and writes FILE.sig', () => {
    const key = join(dir.path, 'release.pem');
    const run = (args: string[]) => {
      const [command, argv] = tsNodeCommand('scripts/sign-release.ts', args);
      return spawnSync(command, argv, { encoding: 'utf8' });
    };
    const made = run(['--generate', '--key', key]);
    expect(made.status, made.stderr).toBe(0);
    const publicKey = /RELEASE_PUBLIC_KEY=(\S+)/.exec(made.stdout)?.[1];
    expect(publicKey).toBe(releasePublicKeyOf(readFileSync(key, 'utf8')));
    expect(run(['--generate', '--key', key]).status).toBe(1);
    const file = join(dir.path, 'Vigevano-Hub-Kiosk-0.4.0.AppImage');
    writeFileSync(file, 'other bytes');
    const signed = run(['--key', key, file]);
    expect(signed.status, signed.stderr).toBe(0);
    const verdict = verifyReleaseSignature({
      publicKey,
      fileName: 'Vigevano-Hub-Kiosk-0.4.0.AppImage',
      sha512Hex: spawnSync('sha512sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0] ?? '',
      signature: readFileSync(`${file}.sig`, 'utf8'),
    });
    expect(verdict).toEqual({ ok: true });
  });
});
