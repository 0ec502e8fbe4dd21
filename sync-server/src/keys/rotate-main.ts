// Rotates the card-signing key: `npm run rotate-card-key -- [--grace-days 180]`, with the server's environment
// (DATA_DIR or CARD_KEY_FILE names the key file, DATABASE_URL the store the rotation is audited in). Restart the
// server afterwards; see docs/security.md.
import { parseArgs } from 'node:util';
import { recordAudit } from '../audit/audit-log';
import { ConfigError, loadConfig } from '../config';
import { migrateToLatest, openStore } from '../store/database';
import { CardKeyFileError, DEFAULT_ROTATION_GRACE_MS, readCardKeyFile, rotateCardKey } from './key-file';

const DAY_MS = 86_400_000;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'grace-days': { type: 'string' } } });
  const graceDays = Number(values['grace-days'] ?? DEFAULT_ROTATION_GRACE_MS / DAY_MS);
  if (!Number.isFinite(graceDays) || graceDays < 0) {
    console.error('--grace-days must be a number of days ≥ 0');
    process.exit(2);
  }
  try {
    const { cardKeyFile, databaseUrl } = loadConfig();
    const store = openStore(databaseUrl);
    try {
      await migrateToLatest(store);
      // The audit entry is written in a transaction around the file's rotation: a rotation that fails (a key file
      // unreadable) records nothing. The file cannot take part in the transaction: if the store failed right after
      // the file was written, the command fails loudly and the operator sees the key changed unrecorded.
      const file = await store.db.transaction().execute(async (tx) => {
        const before = readCardKeyFile(cardKeyFile);
        const rotated = rotateCardKey(cardKeyFile, graceDays * DAY_MS);
        await recordAudit(tx, {
          actor: { kind: 'cli', command: 'rotate-card-key' },
          action: 'card_key.rotate',
          target: { type: 'card_key', id: rotated.current.keyId },
          before: { keyId: before.current.keyId },
          after: {
            keyId: rotated.current.keyId,
            retired: rotated.retired.map((k) => ({ keyId: k.keyId, validUntil: k.validUntil })),
          },
        });
        return rotated;
      });
      const [old] = file.retired;
      console.log(`new card-signing key ${file.current.keyId} in ${cardKeyFile}`);
      if (old)
        console.log(`cards of key ${old.keyId} stay valid until ${new Date(old.validUntil).toISOString()}`);
      console.log('restart the server (and copy the file to every replica) to sign with the new key');
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CardKeyFileError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

void main();
