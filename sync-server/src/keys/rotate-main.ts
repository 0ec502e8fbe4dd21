// Rotates the card-signing key: `npm run rotate-card-key -- [--grace-days 180]`, with the server's environment
// (DATA_DIR or CARD_KEY_FILE names the key file). Restart the server afterwards; see docs/security.md.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { CardKeyFileError, DEFAULT_ROTATION_GRACE_MS, rotateCardKey } from './key-file';

const DAY_MS = 86_400_000;

function main(): void {
  const { values } = parseArgs({ options: { 'grace-days': { type: 'string' } } });
  const graceDays = Number(values['grace-days'] ?? DEFAULT_ROTATION_GRACE_MS / DAY_MS);
  if (!Number.isFinite(graceDays) || graceDays < 0) {
    console.error('--grace-days must be a number of days ≥ 0');
    process.exit(2);
  }
  try {
    const { cardKeyFile } = loadConfig();
    const file = rotateCardKey(cardKeyFile, graceDays * DAY_MS);
    const [old] = file.retired;
    console.log(`new card-signing key ${file.current.keyId} in ${cardKeyFile}`);
    if (old)
      console.log(`cards of key ${old.keyId} stay valid until ${new Date(old.validUntil).toISOString()}`);
    console.log('restart the server (and copy the file to every replica) to sign with the new key');
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CardKeyFileError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

main();
