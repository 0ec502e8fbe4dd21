import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { CardKeyProvider } from './card-key-provider';
import {
  type CardKeyFile,
  CardKeyFileError,
  fileCardKeyProvider,
  newCardKeyFile,
  readCardKeyFile,
  writeCardKeyFile,
} from './key-file';

/** The settings row naming the city's current card-signing key id (public): replicas check their key file by it. */
export const CARD_KEY_ID_SETTING = 'card_signing_key_id';

/**
 * The server's Ed25519 card-signing key, from the key file at `keyFilePath` (0600, outside the database, so a copy
 * of the database or a PostgreSQL dump holds no secret). Made on first start. A key still in the database's
 * `server_keys` table (before this version) is moved: written to the file first, fsynced, then deleted from the
 * table, nothing lost. The database keeps only the key's id (settings), so a replica whose file lacks the city's
 * key, or holds another city's, refuses to start instead of signing cards nobody else accepts.
 * Throws CardKeyFileError with what to do.
 */
export async function loadCardKeys(
  db: Kysely<Database>,
  keyFilePath: string,
  now = Date.now(),
): Promise<CardKeyProvider> {
  let file: CardKeyFile | undefined = existsSync(keyFilePath) ? readCardKeyFile(keyFilePath) : undefined;
  const legacy = await db.selectFrom('server_keys').selectAll().orderBy('created_at').executeTakeFirst();
  if (legacy) {
    if (!file) {
      file = newCardKeyFile(
        { keyId: legacy.key_id, publicKey: legacy.public_key, secretKey: legacy.secret_key },
        Number(legacy.created_at),
      );
      writeCardKeyFile(keyFilePath, file);
    } else if (file.current.keyId !== legacy.key_id && !file.retired.some((k) => k.keyId === legacy.key_id))
      throw new CardKeyFileError(
        `the database holds card key ${legacy.key_id} but ${keyFilePath} holds ${file.current.keyId}: move that file away to migrate the database's key`,
      );
    // Every row: a second one could only come from two first starts racing, and it never signed a card.
    await db.deleteFrom('server_keys').execute();
  }
  const recorded = (
    await db.selectFrom('settings').select('value').where('key', '=', CARD_KEY_ID_SETTING).executeTakeFirst()
  )?.value;
  if (!file) {
    if (recorded)
      throw new CardKeyFileError(
        `this city signs cards with key ${recorded}, and ${keyFilePath} is missing: copy the key file from the server that has it (or set CARD_KEY_FILE)`,
      );
    file = newCardKeyFile(undefined, now);
    writeCardKeyFile(keyFilePath, file);
  } else if (recorded && recorded !== file.current.keyId && !file.retired.some((k) => k.keyId === recorded))
    throw new CardKeyFileError(
      `this city signs cards with key ${recorded}, and ${keyFilePath} holds ${file.current.keyId}: it is another city's or an old copy`,
    );
  // a rotation done with this file (the recorded key retired in it) becomes the city's key
  await db
    .insertInto('settings')
    .values({ key: CARD_KEY_ID_SETTING, value: file.current.keyId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: file.current.keyId }))
    .execute();
  return fileCardKeyProvider(file);
}
