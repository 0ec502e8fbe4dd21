import { statSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { BackupProgress } from '../../backup/sqlite-backup';
import { backupStore } from '../../backup/store-backup';
import { operatorAction, operatorPath, serverConfig } from '../operator-errors';

/** From about 100 MiB (4 KiB pages) a copy takes long enough to show how far it has come. */
const PROGRESS_FROM_PAGES = 25_600;

function pageCount(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('a whole number of pages ≥ 1');
  return value;
}

/** Prints a line at each further tenth of a large copy; silent on small stores. */
function progressPrinter(): (progress: BackupProgress) => void {
  let lastTenth = -1;
  return ({ totalPages, remainingPages }) => {
    if (totalPages < PROGRESS_FROM_PAGES) return;
    const tenth = Math.floor(((totalPages - remainingPages) / totalPages) * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    console.log(`backup: ${tenth * 10}% (${totalPages - remainingPages} of ${totalPages} pages)`);
  };
}

/**
 * `city backup FILE [--force]`: a consistent copy of the server's store while the server runs (SQLite online
 * backup, or pg_dump custom format on PostgreSQL); backup/store-backup.ts.
 */
export function backupCommand(): Command {
  return (
    new Command('backup')
      .description(
        "copy the server's store (DATABASE_URL) into FILE while the server runs: SQLite's online backup, or pg_dump --format=custom on PostgreSQL",
      )
      .argument('<file>', 'the backup file to write (refused if it exists, unless --force)')
      .option('--force', 'replace FILE if it exists')
      // For tests: small steps make a copy of the small demo store take several steps, between which writes land.
      .addOption(new Option('--pages-per-step <pages>').argParser(pageCount).hideHelp())
      .action(
        operatorAction(async (file: string, options: { force?: boolean; pagesPerStep?: number }) => {
          const { databaseUrl } = serverConfig();
          const target = operatorPath(file);
          const started = new Date();
          console.log(
            `backing up ${databaseUrl.startsWith('sqlite:') ? databaseUrl : 'the PostgreSQL store'} to ${target}`,
          );
          const copied = await backupStore(databaseUrl, target, {
            force: options.force,
            onProgress: progressPrinter(),
            pagesPerStep: options.pagesPerStep,
          });
          if (copied)
            console.log(
              `copied ${copied.pages} pages${copied.restarts > 0 ? ` (started over ${copied.restarts} times as the server wrote meanwhile)` : ''}`,
            );
          const mib = statSync(target).size / 1024 / 1024;
          console.log(
            `backup written: ${target} (${mib.toFixed(1)} MiB), the store as of ${started.toISOString()} or later`,
          );
        }),
      )
  );
}
