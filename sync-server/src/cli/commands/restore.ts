import { Command } from 'commander';
import { restoreStore } from '../../backup/store-backup';
import { operatorAction, operatorPath, serverConfig } from '../operator-errors';

/**
 * `city restore FILE`: a backup into the server's store, which must be empty (no users, no documents) and not in
 * use, then migrated to the latest schema; backup/store-backup.ts.
 */
export function restoreCommand(): Command {
  return new Command('restore')
    .description(
      "restore a backup made by `city backup` into the server's store (DATABASE_URL), which must be empty; then migrate it to the latest schema. Stop the server first.",
    )
    .argument(
      '<file>',
      'the backup file: a SQLite file for a sqlite: store, a pg_dump custom archive for PostgreSQL',
    )
    .action(
      operatorAction(async (file: string) => {
        const { databaseUrl } = serverConfig();
        const source = operatorPath(file);
        const where = databaseUrl.startsWith('sqlite:') ? databaseUrl : 'the PostgreSQL store';
        console.log(`restoring ${source} into ${where}`);
        const { migrations } = await restoreStore(source, databaseUrl);
        console.log(
          migrations.length > 0
            ? `restored; migrated to the latest schema (${migrations.join(', ')})`
            : 'restored; the schema is the latest already',
        );
        console.log(
          'start the server: the card-signing key file (CARD_KEY_FILE) is not in the backup, keep it too',
        );
      }),
    );
}
