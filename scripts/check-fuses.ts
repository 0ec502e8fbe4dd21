// After `npm run dist`: reads the Electron fuses back from the packaged kiosk binaries and fails if any is not as
// electron-builder.yml's electronFuses asks (every one of them). (Tests run an unfused development build, so this
// is the check of the real artifact.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { parse } from 'yaml';
import { expectedFuses } from './fuse-list.ts';

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
// Every fuse the config sets, derived from it (fuse-list.ts): no second list to forget a fuse in.
const expected = expectedFuses(
  parse(readFileSync(resolve(import.meta.dirname, '../electron-builder.yml'), 'utf8')),
);
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
