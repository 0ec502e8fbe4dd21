import { Command } from 'commander';
import { issueSetupLink } from '../../auth/setup-link';
import { loadConfig } from '../../config';
import { migrateToLatest, openStore } from '../../store/database';

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
    .requiredOption('--email <email>', "the administrator's e-mail (their sign-in name)")
    .option('--name <name>', 'the name to suggest on the link page')
    .option('--base-url <url>', "the dashboard's address in the link (default: PUBLIC_URL)")
    .action(async (options: { email: string; name?: string; baseUrl?: string }) => {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.email))
        throw new Error(`--email: "${options.email}" is not an e-mail address`);
      const config = loadConfig(deps.env ?? process.env);
      const baseUrl = options.baseUrl ?? config.publicUrl;
      if (!/^https?:\/\//.test(baseUrl)) throw new Error(`--base-url must start with http:// or https://`);
      const store = openStore(config.databaseUrl);
      try {
        await migrateToLatest(store);
        const link = await issueSetupLink(
          store.db,
          { email: options.email, name: options.name },
          { kind: 'cli', command: 'admin create' },
          baseUrl,
        );
        print(
          `One-time link for ${options.email.toLowerCase()} (single use, valid until ${new Date(link.expiresAt).toISOString()}):`,
        );
        print(link.url);
      } finally {
        await store.close();
      }
    });
  return admin;
}
