import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { call, startTestServer, type TestServer } from '../testing/test-server';
import { judgeReadiness } from './readiness';

const config = { maxReportLagMs: 900_000, minFreeBytes: 256 * 1024 * 1024 };
const fine = {
  storeError: null,
  pendingMigrations: [],
  reportLag: { documents: 0, seconds: 0 },
  freeBytes: 2 ** 40,
};

describe('readiness judgement', () => {
  it.each([
    ['all fine', fine, []],
    ['the store down', { storeError: 'connect ECONNREFUSED' }, ['store_unreachable']],
    ['a migration not run', { ...fine, pendingMigrations: ['0009-x'] }, ['migrations_pending']],
    [
      'reports 20 min behind',
      { ...fine, reportLag: { documents: 40_000, seconds: 1200 } },
      ['reports_behind'],
    ],
    ['reports 10 min behind', { ...fine, reportLag: { documents: 40_000, seconds: 600 } }, []],
    ['100 MiB free', { ...fine, freeBytes: 100 * 1024 * 1024 }, ['disk_nearly_full']],
    [
      'the store down, disk full',
      { storeError: 'x', freeBytes: 0 },
      ['store_unreachable', 'disk_nearly_full'],
    ],
  ] as const)('%s', (_name, measures, codes) => {
    expect(judgeReadiness(measures, config).map((r) => r.code)).toEqual(codes);
  });
});

describe('/ready of a running server', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });
  const start = async (kind: 'sqlite' | 'postgres', env: Record<string, string> = {}) => {
    const t = await startTestServer(kind, { env });
    servers.push(t);
    return t;
  };

  it('says the data directory disk is nearly full, and /health stays 200', async () => {
    const t = await start('sqlite', { READY_MIN_FREE_MB: '100000000' });
    const res = await call(`${t.url}/ready`);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unavailable', reasons: [{ code: 'disk_nearly_full' }] });
    expect((await call(`${t.url}/health`)).status).toBe(200);
  });

  it('says a migration is pending', async () => {
    const t = await start('sqlite');
    expect((await call(`${t.url}/ready`)).status).toBe(200);
    // as if the code were newer than the schema: the store forgets it ran the last migration
    await sql`delete from kysely_migration where name = ${'0008-device-storage'}`.execute(t.server.store.db);
    const res = await call(`${t.url}/ready`);
    expect(res.status).toBe(503);
    expect(res.body.reasons).toEqual([
      { code: 'migrations_pending', message: expect.stringContaining('0008-device-storage') },
    ]);
  });

  it.skipIf(!testStoreKinds().includes('postgres'))(
    'says the store is unreachable while PostgreSQL refuses it, and is ready again after',
    async () => {
      const t = await start('postgres');
      expect((await call(`${t.url}/ready`)).status).toBe(200);
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(
        t.server.store.db,
      );
      const database = rows[0]?.name as string;
      const admin = new pg.Client({ connectionString: process.env.VIGEVANO_TEST_POSTGRES_URL });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
          database,
        ]);
        const res = await call(`${t.url}/ready`);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({
          status: 'unavailable',
          store: 'postgres',
          reasons: [{ code: 'store_unreachable' }],
        });
        expect((await call(`${t.url}/health`)).status).toBe(200);
      } finally {
        await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
        await admin.end();
      }
      expect((await call(`${t.url}/ready`)).status).toBe(200);
    },
  );
});
