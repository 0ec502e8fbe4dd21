import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_ROTATION_GRACE_MS, rotateCardKey } from '../../keys/key-file';
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
      operatorAction((options: { graceDays: number }) => {
        const { cardKeyFile } = serverConfig();
        const file = rotateCardKey(cardKeyFile, options.graceDays * DAY_MS);
        const [old] = file.retired;
        console.log(`new card-signing key ${file.current.keyId} in ${cardKeyFile}`);
        if (old)
          console.log(`cards of key ${old.keyId} stay valid until ${new Date(old.validUntil).toISOString()}`);
        console.log('restart the server (and copy the file to every replica) to sign with the new key');
      }),
    );
  return keys;
}
