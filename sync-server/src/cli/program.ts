import { Command } from 'commander';
import { adminCreateCommand } from './commands/admin-create';
import { backupCommand } from './commands/backup';
import { keysCommand } from './commands/keys';
import { restoreCommand } from './commands/restore';

/**
 * The city's operator commands, `npm run city -- <command>` (sync-server/README.md, "The city command"). Each
 * command lives in commands/<name>.ts and reads the server's own environment (config.ts), so it acts on the
 * store and key file the server uses. Exit codes: operator-errors.ts EXIT.
 */
export function cityProgram(): Command {
  const program = new Command('city')
    .description("operate a city's sync server: first administrator, backups, restore, keys")
    .showHelpAfterError('(add --help for the commands and options)');
  program.addCommand(backupCommand());
  program.addCommand(restoreCommand());
  program.addCommand(keysCommand());
  program.addCommand(adminCreateCommand());
  return program;
}
