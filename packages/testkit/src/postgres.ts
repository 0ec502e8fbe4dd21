import pg from 'pg';
import { availableOrSkip } from './requirements.ts';

/** The server that PostgreSQL tests may use (a throw-away cluster in CI), or undefined. */
export function postgresAdminUrl(): string | undefined {
  return process.env.VIGEVANO_TEST_POSTGRES_URL || undefined;
}

/** Whether PostgreSQL tests run here: prints the reason when they skip, throws when CI requires them. */
export function postgresAvailable(): boolean {
  return availableOrSkip(
    'POSTGRES',
    postgresAdminUrl() !== undefined,
    'PostgreSQL tests skipped: set VIGEVANO_TEST_POSTGRES_URL=postgres://user@host:port/db (see .ci/run)',
  );
}

/**
 * Creates an empty database for one test file and returns its URL and a function that drops it.
 * Each test gets its own database so tests never see each other's rows.
 */
export async function createTestDatabase(prefix = 't'): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = postgresAdminUrl();
  if (!adminUrl) throw new Error('VIGEVANO_TEST_POSTGRES_URL is not set');
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
