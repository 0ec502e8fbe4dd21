import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv } from './child-env';
import { freePort } from './ports.ts';
import { repoRoot, tsNodeCommand } from './processes.ts';
import { tempDir } from './tmp.ts';

/**
 * The sync server as one real Node process that a reliability test can kill with SIGKILL and start again on the
 * same store and the same port, as a crash and a supervisor's restart would: the kiosks (or a proxy in front)
 * keep their address. SQLite in a temp folder by default, or the PostgreSQL database given.
 */
export interface CityServerProcess {
  url: string;
  dataDir: string;
  databaseUrl: string;
  pid(): number | undefined;
  /** the server process's resident memory in bytes (Linux /proc), or undefined when it is not running */
  rssBytes(): number | undefined;
  /** SIGKILL, and wait until the process is gone */
  kill(): Promise<void>;
  /** starts the server again on the same store and port (after kill or stop) */
  restart(): Promise<void>;
  output(): string;
  kioskDirs(): string[];
  logins(): Array<{ role: string; email: string; password: string }>;
  /** stops the server and deletes its data folder (the caller drops a PostgreSQL database it made) */
  dispose(): Promise<void>;
}

export async function startCityServer(
  options: { databaseUrl?: string; demoCity?: boolean; env?: Record<string, string>; port?: number } = {},
): Promise<CityServerProcess> {
  const data = tempDir('vigevano-city-server-');
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = options.databaseUrl ?? `sqlite:${data.path}/city.sqlite`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const start = async () => {
    const [command, args] = tsNodeCommand('sync-server/src/main.ts');
    const proc = spawn(command, args, {
      cwd: repoRoot,
      env: childEnv({
        LOG_LEVEL: 'warn',
        PORT: String(port),
        DATA_DIR: data.path,
        DATABASE_URL: databaseUrl,
        DEMO_CITY: options.demoCity === false ? '0' : '1',
        DASHBOARD_DIR: join(data.path, 'no-dashboard'),
        ...options.env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    proc.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`sync server exited with ${proc.exitCode}:\n${log}`);
      try {
        if ((await fetch(`${url}/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    proc.kill('SIGKILL');
    throw new Error(`sync server not ready after 60 s:\n${log}`);
  };

  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const stop = async (signal: NodeJS.Signals) => {
    if (!running()) return;
    child?.kill(signal);
    const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  const kiosksDir = join(data.path, 'kiosks');
  return {
    url,
    dataDir: data.path,
    databaseUrl,
    pid: () => (running() ? child?.pid : undefined),
    rssBytes: () => {
      if (!running() || !child?.pid) return undefined;
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
        return kb ? Number(kb) * 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    kill: () => stop('SIGKILL'),
    restart: async () => {
      await stop('SIGTERM');
      await start();
    },
    output: () => log,
    kioskDirs: () =>
      existsSync(kiosksDir)
        ? readdirSync(kiosksDir)
            .map((d) => join(kiosksDir, d))
            .filter((d) => existsSync(join(d, 'identity.json')))
        : [],
    logins: () => JSON.parse(readFileSync(join(data.path, 'demo-credentials.json'), 'utf8')),
    dispose: async () => {
      await stop('SIGTERM');
      data.remove();
    },
  };
}
