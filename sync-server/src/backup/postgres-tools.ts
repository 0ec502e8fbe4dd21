import { spawn, spawnSync } from 'node:child_process';
import { FailedError, RefusedError } from './errors';

/** PostgreSQL's client programs the backup and restore run. */
export type PgTool = 'pg_dump' | 'pg_restore';

const INSTALL_HINT =
  'install PostgreSQL client programs of the same major version as the server or newer (Debian/Ubuntu: apt-get install postgresql-client)';

/** Whether `tool` runs from PATH. */
export function pgToolAvailable(tool: PgTool): boolean {
  const probe = spawnSync(tool, ['--version'], { stdio: 'ignore' });
  return !probe.error && probe.status === 0;
}

/** Throws RefusedError saying what to install when `tool` is not on PATH. */
export function requirePgTool(tool: PgTool): void {
  if (!pgToolAvailable(tool)) throw new RefusedError(`${tool} not found on PATH: ${INSTALL_HINT}`);
}

/**
 * A DATABASE_URL as the client programs take it: the password moved out of the URL into PGPASSWORD, so it never
 * shows in the process list (`ps`), and `display` for messages, without the password.
 */
export function pgConnection(databaseUrl: string): {
  dbname: string;
  env: NodeJS.ProcessEnv;
  display: string;
} {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: url.toString(), env, display: url.toString() };
}

/**
 * Runs a PostgreSQL client program to its end; its messages go to this process's stderr. Throws FailedError with
 * its last message when it exits non-zero.
 */
export function runPgTool(tool: PgTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', (error) => reject(new FailedError(`${tool} could not start: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else {
        const last = errors.trim().split('\n').at(-1) ?? '';
        reject(new FailedError(`${tool} failed (${signal ?? `exit ${code}`})${last ? `: ${last}` : ''}`));
      }
    });
  });
}
