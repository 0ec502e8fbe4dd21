// After `npm run dist`: reads the Electron fuses back from the packaged kiosk binaries and fails if any is not as
// electron-builder.yml asks. (Tests run an unfused development build, so this is the check of the real artifact.)
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

const output = resolve(import.meta.dirname, '../dist/electron');
const binaries = [
  join(output, 'linux-unpacked/vigevano-kiosk'),
  join(output, 'win-unpacked/Vigevano Hub Kiosk.exe'),
].filter((p) => existsSync(p));
if (binaries.length === 0) {
  console.error(
    `no packaged kiosk in ${output} (${existsSync(output) ? readdirSync(output).join(', ') : 'missing'})`,
  );
  process.exit(1);
}
const expected: Array<[FuseV1Options, boolean]> = [
  [FuseV1Options.RunAsNode, false],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
  [FuseV1Options.EnableNodeCliInspectArguments, false],
  [FuseV1Options.OnlyLoadAppFromAsar, true],
  [FuseV1Options.EnableCookieEncryption, true],
];
let failed = false;
for (const binary of binaries) {
  const wire = await getCurrentFuseWire(binary);
  if (wire.version !== FuseVersion.V1) throw new Error(`unknown fuse version ${wire.version}`);
  for (const [fuse, on] of expected) {
    const state = (wire as unknown as Record<number, number>)[fuse];
    // In the wire, 0x31 ('1') is enabled and 0x30 ('0') disabled.
    const actual = state === 0x31;
    const ok = actual === on;
    failed ||= !ok;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${binary}: ${FuseV1Options[fuse]} ${actual ? 'on' : 'off'} (want ${on ? 'on' : 'off'})`,
    );
  }
}
process.exit(failed ? 1 : 0);
