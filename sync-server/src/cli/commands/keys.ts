import { Command, InvalidArgumentError } from 'commander';
import { recordAudit } from '../../audit/audit-log';
import { DEFAULT_ROTATION_GRACE_MS, readCardKeyFile, rotateCardKey } from '../../keys/key-file';
import { migrateToLatest, openStore } from '../../store/database';
import { operatorAction, serverConfig } from '../operator-errors';

const DAY_MS = 86_400_000;

/** A number of days ≥ 0 from the command line, or commander's error naming the option. */
function days(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new InvalidArgumentError('--grace-days must be a number of days ≥ 0');
  return value;
}

/**
 * `city keys rotate [--grace-days N]`: a new card-signing key in the server's key file (DATA_DIR or
 * CARD_KEY_FILE), the old public key kept for the grace period; docs/security.md. Restart the server afterwards.
 */
export function keysCommand(): Command {
  const keys = new Command('keys').description("the server's card-signing key (docs/security.md)");
  keys
    .command('rotate')
    .description(
      'make a new card-signing key; cards signed with the old one stay valid for the grace period. Restart the server afterwards.',
    )
    .option(
      '--grace-days <days>',
      'how long cards of the old key stay valid',
      days,
      DEFAULT_ROTATION_GRACE_MS / DAY_MS,
    )
    .action(
      operatorAction(async (options: { graceDays: number }) => {
        const { cardKeyFile, databaseUrl } = serverConfig();
        const store = openStore(databaseUrl);
        try {
          await migrateToLatest(store);
          // The audit entry is written in a transaction around the file's rotation: a rotation that fails (a key
          // file unreadable) records nothing. The file cannot take part in the transaction: if the store failed
          // right after the file was written, the command fails loudly and the operator sees the key changed
          // unrecorded.
          const file = await store.db.transaction().execute(async (tx) => {
            const before = readCardKeyFile(cardKeyFile);
            const rotated = rotateCardKey(cardKeyFile, options.graceDays * DAY_MS);
            await recordAudit(tx, {
              actor: { kind: 'cli', command: 'keys rotate' },
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
            console.log(
              `cards of key ${old.keyId} stay valid until ${new Date(old.validUntil).toISOString()}`,
            );
          console.log('restart the server (and copy the file to every replica) to sign with the new key');
        } finally {
          await store.close();
        }
      }),
    );
  return keys;
}
