import pg from 'pg';
import { writeAtomically } from './atomic-output';
import { RefusedError, StoreUnavailableError } from './errors';
import { pgConnection, requirePgTool, runPgTool } from './postgres-tools';
import { MIGRATION_TABLE, refusalToReplace, type StoreContents } from './store-contents';

/** Connects to the store, or throws StoreUnavailableError naming it (without its password). */
async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    const { display } = pgConnection(databaseUrl);
    throw new StoreUnavailableError(
      `cannot open the PostgreSQL store ${display}: ${(error as Error).message}`,
    );
  }
}

/**
 * Backs the PostgreSQL store up into `file` with `pg_dump --format=custom` (one consistent snapshot, taken while
 * the server goes on writing: postgresql.org/docs/current/app-pgdump.html). Throws RefusedError when pg_dump is
 * missing (saying what to install) or `file` exists without `force`, StoreUnavailableError, FailedError (no file
 * is left then).
 */
export async function backupPostgres(databaseUrl: string, file: string, force = false): Promise<void> {
  requirePgTool('pg_dump');
  await (await connect(databaseUrl)).end();
  const { dbname, env } = pgConnection(databaseUrl);
  await writeAtomically(file, force, (temporary) =>
    runPgTool(
      'pg_dump',
      ['--format=custom', '--no-password', `--file=${temporary}`, `--dbname=${dbname}`],
      env,
    ),
  );
}

/** What the PostgreSQL store holds (in its current schema, usually `public`). */
async function postgresContents(client: pg.Client): Promise<StoreContents> {
  const tables = (
    await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
    )
  ).rows.map((r) => r.name);
  const count = async (table: string) =>
    tables.includes(table)
      ? Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]?.n)
      : 0;
  return {
    tables,
    migrated: tables.includes(MIGRATION_TABLE),
    users: await count('users'),
    documents: await count('documents'),
  };
}

/**
 * Restores a `pg_dump --format=custom` backup into the PostgreSQL store, which must hold no users and no
 * documents: the empty tables a first start created are dropped first (with the functions of the schema, which
 * the audit log's triggers use), then pg_restore runs in one transaction (all or nothing), without the dump's
 * owners and grants (the restoring role owns everything), and statistics are refreshed (pg_restore does not
 * restore them). The caller then migrates the store to the latest schema. Stop the server first.
 * Throws RefusedError, StoreUnavailableError, FailedError.
 */
export async function restorePostgres(file: string, databaseUrl: string): Promise<void> {
  requirePgTool('pg_restore');
  const { dbname, env, display } = pgConnection(databaseUrl);
  const client = await connect(databaseUrl);
  try {
    const contents = await postgresContents(client);
    const refusal = refusalToReplace(contents, `the store ${display}`);
    if (refusal) throw new RefusedError(refusal);
    if (contents.tables.length > 0) {
      const functions = await client.query<{ signature: string }>(
        `select p.oid::regprocedure::text as signature from pg_proc p
         where p.pronamespace = current_schema()::regnamespace and p.prokind = 'f'`,
      );
      await client.query('begin');
      for (const table of contents.tables) await client.query(`drop table if exists "${table}" cascade`);
      for (const f of functions.rows) await client.query(`drop function if exists ${f.signature} cascade`);
      await client.query('commit');
    }
  } finally {
    await client.end();
  }
  await runPgTool(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      '--no-password',
      `--dbname=${dbname}`,
      file,
    ],
    env,
  );
  const after = await connect(databaseUrl);
  try {
    await after.query('analyze');
  } finally {
    await after.end();
  }
}
