// PostgreSQL for the benchmarks, committing durably as production does: the test suite's throw-away cluster runs
// with fsync off (scripts/throwaway-postgres.sh), which flatters every commit-bound figure.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

export interface BenchPostgres {
  /** admin URL: the test stores create a database per server under it */
  url: string;
  stop(): void;
}

const script = resolve(import.meta.dirname, '../../scripts/throwaway-postgres.sh');

/**
 * VIGEVANO_BENCH_POSTGRES_URL when set, else a throw-away cluster of our own with PostgreSQL's durable defaults
 * (fsync, synchronous_commit and full_page_writes on; PGTHROWAWAY_PORT picks its port). Returns undefined, with
 * the reason, when PostgreSQL is not installed. Throws when the server does not commit durably: figures measured
 * without fsync are not production's.
 */
export async function durablePostgres(): Promise<BenchPostgres | { skipped: string }> {
  let url = process.env.VIGEVANO_BENCH_POSTGRES_URL;
  let stop = () => {};
  if (!url) {
    if (!existsSync('/usr/lib/postgresql'))
      return { skipped: 'PostgreSQL is not installed (or set VIGEVANO_BENCH_POSTGRES_URL)' };
    const out = execFileSync('bash', [script, 'start'], {
      env: { ...process.env, PGTHROWAWAY_DURABLE: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const dir = /PGTHROWAWAY_DIR=(\S+)/.exec(out)?.[1];
    url = /VIGEVANO_TEST_POSTGRES_URL=(\S+)/.exec(out)?.[1];
    if (!dir || !url) throw new Error(`throwaway-postgres.sh printed no URL: ${out}`);
    const clusterDir = dir;
    stop = () => execFileSync('bash', [script, 'stop', clusterDir], { stdio: 'ignore' });
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const settings = await client.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')",
    );
    const off = settings.rows.filter((r) => r.setting !== 'on').map((r) => `${r.name}=${r.setting}`);
    if (off.length > 0) {
      stop();
      throw new Error(
        `PostgreSQL at ${url} does not commit durably (${off.join(', ')}): benchmarks need them on`,
      );
    }
  } finally {
    await client.end();
  }
  return { url, stop };
}
