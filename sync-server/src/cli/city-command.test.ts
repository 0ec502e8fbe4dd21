import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tsNodeCommand } from '@vigevano/testkit/processes';
import { availableOrSkip } from '@vigevano/testkit/requirements';
import { tempDir } from '@vigevano/testkit/tmp';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgToolAvailable } from '../backup/postgres-tools';
import { openTestStore, type TestStore } from '../store/test-stores';

// `npm run city` as an operator meets it when something is wrong: each refusal is one line and an exit code
// (sync-server/README.md, "The city command"), and changes nothing.

const execFileAsync = promisify(execFile);

async function city(args: string[], env: Record<string, string> = {}) {
  const [command, commandArgs] = tsNodeCommand('sync-server/src/cli/main.ts', args);
  try {
    const { stdout, stderr } = await execFileAsync(command, commandArgs, {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const usersIn = (path: string) => {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return (db.prepare('select email from users').all() as { email: string }[]).map((u) => u.email);
  } finally {
    db.close();
  }
};

describe('npm run city: refusals', () => {
  const dir = tempDir('vigevano-city-cli-');
  let city1: TestStore;
  beforeAll(async () => {
    city1 = await openTestStore('sqlite');
    await city1.store.db
      .insertInto('users')
      .values({
        id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
        email: 'anna@comune.example',
        name: 'Anna',
        role: 'admin',
        hub_ids: '[]',
        password_hash: 'x',
        created_at: Date.now(),
      })
      .execute();
  });
  afterAll(async () => {
    await city1.cleanup();
    dir.remove();
  });

  it('answers an unknown command or option with commander’s message and exit code 1', async () => {
    const unknown = await city(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const option = await city(['backup', join(dir.path, 'x.sqlite'), '--bogus']);
    expect(option.code).toBe(1);
    expect(option.stderr).toContain("unknown option '--bogus'");
  }, 60_000);

  it('says in one line that the store cannot be opened, exit code 2', async () => {
    const res = await city(['backup', join(dir.path, 'none.sqlite')], {
      DATABASE_URL: `sqlite:${join(dir.path, 'missing', 'city.sqlite')}`,
    });
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringContaining('no SQLite store at')]);
  }, 60_000);

  it('refuses to overwrite a backup file without --force, and replaces it with --force', async () => {
    const file = join(dir.path, 'existing.sqlite');
    writeFileSync(file, 'an older backup');
    const refused = await city(['backup', file], { DATABASE_URL: city1.url });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('an older backup');
    const forced = await city(['backup', file, '--force'], { DATABASE_URL: city1.url });
    expect(forced.code, forced.stderr).toBe(0);
    expect(usersIn(file)).toEqual(['anna@comune.example']);
  }, 60_000);

  it('restores only into an empty store: a store with users is refused and kept', async () => {
    const backup = join(dir.path, 'existing.sqlite');
    const other = join(dir.path, 'other-city.sqlite');
    copyFileSync(backup, other);
    const db = new BetterSqlite3(other);
    db.prepare("update users set email = 'bruno@comune.example'").run();
    db.close();
    const res = await city(['restore', backup], { DATABASE_URL: `sqlite:${other}` });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('is not empty (1 users, 0 documents)');
    expect(usersIn(other)).toEqual(['bruno@comune.example']);
  }, 60_000);

  it('refuses to restore into a store a running server holds open', async () => {
    const target = join(dir.path, 'in-use.sqlite');
    const backup = join(dir.path, 'some-backup.sqlite');
    const made = new BetterSqlite3(backup);
    made.exec('create table t (x)');
    made.close();
    // an empty store the server has open, in WAL mode as it keeps it
    const server = new BetterSqlite3(target);
    server.pragma('journal_mode = WAL');
    server.exec('create table kysely_migration (name text primary key)');
    try {
      const res = await city(['restore', backup], { DATABASE_URL: `sqlite:${target}` });
      expect(res.code).toBe(3);
      expect(res.stderr).toContain('stop the server first');
    } finally {
      server.close();
    }
    const after = new BetterSqlite3(target, { readonly: true });
    expect(after.prepare("select name from sqlite_master where type = 'table'").all()).toEqual([
      { name: 'kysely_migration' },
    ]);
    after.close();
  }, 60_000);

  it('refuses a file that is no backup of this kind of store', async () => {
    const notBackup = join(dir.path, 'notes.txt');
    writeFileSync(notBackup, 'nothing to see');
    const target = `sqlite:${join(dir.path, 'fresh', 'city.sqlite')}`;
    const res = await city(['restore', notBackup], { DATABASE_URL: target });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('neither a SQLite backup nor a pg_dump');
    const pgDump = join(dir.path, 'city.pgdump');
    writeFileSync(pgDump, 'PGDMP\u0001\u000e\u0000');
    const wrongKind = await city(['restore', pgDump], { DATABASE_URL: target });
    expect(wrongKind.code).toBe(3);
    expect(wrongKind.stderr).toContain('a PostgreSQL backup (pg_dump); DATABASE_URL names a SQLite store');
  }, 60_000);

  it('on PostgreSQL without pg_dump on PATH says what to install, exit code 3', async () => {
    const res = await city(['backup', join(dir.path, 'pg.dump')], {
      DATABASE_URL: 'postgres://city@127.0.0.1:1/city',
      PATH: join(dir.path, 'no-programs-here'),
    });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('pg_dump not found on PATH');
    expect(res.stderr).toContain('apt-get install postgresql-client');
  }, 60_000);

  // Skipped with a printed reason where pg_dump is missing; CI (VIGEVANO_REQUIRE_POSTGRES=1) fails instead.
  const pgDump = availableOrSkip(
    'POSTGRES',
    pgToolAvailable('pg_dump'),
    'unreachable-PostgreSQL backup test skipped: pg_dump not on PATH (Debian: apt-get install postgresql-client)',
  );
  it.skipIf(!pgDump)(
    'says in one line that a PostgreSQL store cannot be reached, exit code 2, without its password',
    async () => {
      const res = await city(['backup', join(dir.path, 'pg.dump')], {
        DATABASE_URL: 'postgres://city:s3cret@127.0.0.1:1/city',
      });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('cannot open the PostgreSQL store postgres://city@127.0.0.1:1/city');
      expect(res.stderr).not.toContain('s3cret');
    },
    60_000,
  );
});
