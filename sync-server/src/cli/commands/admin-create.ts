import { Command, InvalidArgumentError } from 'commander';
import { issueSetupLink } from '../../auth/setup-link';
import { OperationError } from '../../backup/errors';
import { ConfigError, loadConfig } from '../../config';
import { migrateToLatest, openStore } from '../../store/database';
import { operatorAction } from '../operator-errors';

/** An e-mail address from the command line, or commander's usage error (exit 1) naming the option. */
function email(text: string): string {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text))
    throw new InvalidArgumentError(`"${text}" is not an e-mail address`);
  return text;
}

/** An http(s) address from the command line, or commander's usage error (exit 1). */
function baseUrl(text: string): string {
  if (!/^https?:\/\//.test(text)) throw new InvalidArgumentError('must start with http:// or https://');
  return text;
}

/** What the command reads and where it writes: the process's by default, a test's own in tests. */
export interface AdminCreateDeps {
  env?: NodeJS.ProcessEnv;
  print?: (line: string) => void;
}

/**
 * `city admin create --email … [--name …] [--base-url …]`: for a headless install, prints a one-time link (single
 * use, 1 hour) with which that person creates their administrator account: never a default password. It opens the
 * store from the server's own configuration (config.ts: DATABASE_URL and the rest of the environment) and migrates
 * it first, so it works before the server's first start. The link points at --base-url, or PUBLIC_URL.
 */
export function adminCreateCommand(deps: AdminCreateDeps = {}): Command {
  const print = deps.print ?? ((line: string) => console.log(line));
  const admin = new Command('admin').description('administrator accounts');
  admin
    .command('create')
    .description('print a one-time link (1 hour) that creates an administrator account')
    .requiredOption('--email <email>', "the administrator's e-mail (their sign-in name)", email)
    .option('--name <name>', 'the name to suggest on the link page')
    .option('--base-url <url>', "the dashboard's address in the link (default: PUBLIC_URL)", baseUrl)
    .action(
      operatorAction(async (options: { email: string; name?: string; baseUrl?: string }) => {
        let config: ReturnType<typeof loadConfig>;
        try {
          config = loadConfig(deps.env ?? process.env);
        } catch (error) {
          if (error instanceof ConfigError)
            throw new OperationError(`configuration refused: ${error.message}`, 2);
          throw error;
        }
        const linkBase = options.baseUrl ?? config.publicUrl;
        const store = openStore(config.databaseUrl);
        try {
          await migrateToLatest(store);
          const link = await issueSetupLink(
            store.db,
            { email: options.email, name: options.name },
            { kind: 'cli', command: 'admin create' },
            linkBase,
          );
          print(
            `One-time link for ${options.email.toLowerCase()} (single use, valid until ${new Date(link.expiresAt).toISOString()}):`,
          );
          print(link.url);
        } finally {
          await store.close();
        }
      }),
    );
  return admin;
}
