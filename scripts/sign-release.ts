// Signs kiosk release files with the city's release key, on the release manager's machine (never on the server):
//   tsx scripts/sign-release.ts --generate --key ~/vigevano-release.pem   makes the key, prints RELEASE_PUBLIC_KEY
//   tsx scripts/sign-release.ts --key ~/vigevano-release.pem FILE...      writes FILE.sig beside each file
// Upload each signed file with its signature: `X-Release-Signature: $(cat FILE.sig)` (docs/kiosk-installation.md).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RELEASE_SIGNATURE_SUFFIX } from '@vigevano/protocol';
import { generateReleaseKey, releasePublicKeyOf, signReleaseFile } from './release-signing.ts';

const { values, positionals } = parseArgs({
  options: { key: { type: 'string' }, generate: { type: 'boolean', default: false } },
  allowPositionals: true,
});
if (!values.key) {
  console.error('usage: sign-release.ts --key PRIVATE_KEY.pem [--generate | FILE...]');
  process.exit(2);
}
if (values.generate) {
  if (existsSync(values.key)) {
    console.error(`${values.key} exists: refusing to overwrite a release key`);
    process.exit(1);
  }
  const { privateKeyPem, publicKey } = generateReleaseKey();
  writeFileSync(values.key, privateKeyPem, { mode: 0o600, flag: 'wx' });
  console.log(`private key written to ${values.key} (keep it offline)\nRELEASE_PUBLIC_KEY=${publicKey}`);
  process.exit(0);
}
if (positionals.length === 0) {
  console.error('no release file to sign');
  process.exit(2);
}
const privateKeyPem = readFileSync(values.key, 'utf8');
console.log(`release key ${releasePublicKeyOf(privateKeyPem)}`);
for (const file of positionals) {
  const signature = await signReleaseFile(privateKeyPem, file);
  writeFileSync(`${file}${RELEASE_SIGNATURE_SUFFIX}`, `${signature}\n`);
  console.log(`${file}${RELEASE_SIGNATURE_SUFFIX}: ${signature}`);
}
