import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { API_ROUTE_TABLE, type ApiRoute, accessAreaOf, syncPath } from '@vigevano/protocol';
import { createTestDatabase } from '@vigevano/testkit/postgres';
import { tsNodeCommand } from '@vigevano/testkit/processes';
import { availableOrSkip } from '@vigevano/testkit/requirements';
import { tempDir } from '@vigevano/testkit/tmp';
import { type Kysely, sql } from 'kysely';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { type RunningServer, startServer } from '../index';
import { migrateToLatest, openStore } from '../store/database';
import type { Database } from '../store/schema';
import { testStoreKinds } from '../store/test-stores';
import { checkinDoc, enrolTestDevice, type TestDevice } from '../sync/test-support';
import { serverForSuite } from '../testing/suite';
import { call, demoLogins, login } from '../testing/test-server';
import { pgToolAvailable } from './postgres-tools';

// Issue 15 item 7 as an operator lives it: the demo city's store is backed up by `npm run city -- backup` while a
// kiosk keeps pushing check-ins, restored by `npm run city -- restore` into a fresh store, and a server started on
// the restored store answers every dashboard GET route (every guarded GET of API_ROUTE_TABLE, streams aside) the
// same as the original.

const execFileAsync = promisify(execFile);

/** `npm run city -- …args` as a child process, with the server's environment; exit code and output. */
async function city(args: string[], env: Record<string, string>) {
  const [command, commandArgs] = tsNodeCommand('sync-server/src/cli/main.ts', args);
  try {
    const { stdout, stderr } = await execFileAsync(command, commandArgs, { env: { ...process.env, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** The dashboard's read routes: every GET the access table guards for users, event streams aside. */
function dashboardGetRoutes(): Array<{ key: string; route: ApiRoute }> {
  return Object.entries(API_ROUTE_TABLE).flatMap(([area, table]) =>
    Object.entries(table as Record<string, ApiRoute>)
      .filter(
        ([, r]) =>
          r.method === 'GET' &&
          accessAreaOf(r.path) !== undefined &&
          !r.schema.produces?.includes('text/event-stream'),
      )
      .map(([name, route]) => ({ key: `${area}.${name}`, route })),
  );
}

async function firstDocumentId(db: Kysely<Database>, collection: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('documents')
    .select('id')
    .where('collection', '=', collection)
    .orderBy('id')
    .executeTakeFirst();
  return row?.id;
}

/** A value for each path parameter, from the store's own rows; a route with another parameter fails the test. */
async function pathParams(db: Kysely<Database>): Promise<Record<string, string>> {
  const person = await db.selectFrom('people').select('visitor_id').orderBy('visitor_id').executeTakeFirst();
  const session = await firstDocumentId(db, 'sessions');
  const image = await db.selectFrom('content_images').select('id').orderBy('id').executeTakeFirst();
  const operation = await db.selectFrom('operations').select('id').orderBy('id').executeTakeFirst();
  const series = await db.selectFrom('session_series').select('id').orderBy('id').executeTakeFirst();
  const participant = await db.selectFrom('participants').select('id').orderBy('id').executeTakeFirst();
  const media = await db.selectFrom('media_files').select('id').orderBy('id').executeTakeFirst();
  return {
    visitorId: person?.visitor_id ?? ulid(),
    sessionId: session ?? ulid(),
    imageId: image?.id ?? ulid(),
    fileId: media?.id ?? ulid(),
    // the demo city plans no funded operation: an unknown id must then answer the same 404 on both stores
    operationId: operation?.id ?? ulid(),
    seriesId: series?.id ?? ulid(),
    participantId: participant?.id ?? ulid(),
    checkinId: (await firstDocumentId(db, 'checkins')) ?? ulid(),
    deviceId: (await firstDocumentId(db, 'devices')) ?? ulid(),
  };
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Required query parameters by name: a range over the demo city's history, this year, a common search. */
const QUERY: Record<string, string> = {
  from: isoDay(Date.now() - 120 * DAY_MS),
  to: isoDay(Date.now() + DAY_MS),
  year: String(new Date().getUTCFullYear()),
  q: 'a',
};

function routePath(route: ApiRoute, params: Record<string, string>): string {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`${route.path}: say in pathParams how to fill :${name}`);
    return encodeURIComponent(value);
  });
  const required: string[] =
    (route.schema.querystring as { required?: string[] } | undefined)?.required ?? [];
  const pairs = required.map((name) => {
    // a required id in the query (an operation's) is filled like a path parameter
    const value = QUERY[name] ?? params[name];
    if (value === undefined) throw new Error(`${route.path}: say in QUERY how to fill ?${name}`);
    return `${name}=${encodeURIComponent(value)}`;
  });
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}

async function answer(url: string, path: string, cookie: string) {
  const res = await fetch(url + path, { headers: { cookie } });
  const type = res.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type,
    body: type.includes('json')
      ? JSON.parse(bytes.toString('utf8'))
      : type.includes('pdf')
        ? withoutPrintMoment(bytes.toString('latin1'))
        : bytes.toString('base64'),
  };
}

/**
 * A PDF (an attendance register) without what differs from one printing to the next: its creation date and the
 * file identifier pdfkit derives from it. The pages themselves must be the same.
 */
function withoutPrintMoment(pdf: string): string {
  return pdf
    .replace(/\/CreationDate \(D:\d{14}Z\)/g, '/CreationDate ()')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '/ID []');
}

for (const kind of testStoreKinds()) {
  const tools =
    kind === 'sqlite' ||
    availableOrSkip(
      'POSTGRES',
      pgToolAvailable('pg_dump') && pgToolAvailable('pg_restore'),
      'backup test on PostgreSQL skipped: pg_dump/pg_restore not on PATH (Debian: apt-get install postgresql-client)',
    );
  describe.skipIf(!tools)(`city backup and restore (${kind})`, () => {
    const source = serverForSuite(kind, { demoCity: true });
    const files = tempDir('vigevano-backup-');
    let restored: RunningServer | undefined;
    let dropRestored: () => Promise<void> = async () => undefined;
    afterAll(async () => {
      await restored?.close();
      await dropRestored();
      files.remove();
    });

    const backupFile = join(files.path, kind === 'sqlite' ? 'city-backup.sqlite' : 'city-backup.pgdump');
    let device: TestDevice;
    beforeAll(async () => {
      const db = source.server.store.db;
      const hub = await firstDocumentId(db, 'hubs');
      if (!hub) throw new Error('the demo city has no hubs');
      device = await enrolTestDevice(db, hub, 'Backup');
      // SQLite: what the kiosk pushes stays in the -wal file (no automatic checkpoint), so a backup that copied
      // the database file alone would lose it; the online backup reads through the WAL.
      if (kind === 'sqlite') await sql`PRAGMA wal_autocheckpoint = 0`.execute(db);
    });

    /** A check-in of the test kiosk: the same document can be pushed to the original and the restored server. */
    const checkin = () => ({
      ...checkinDoc(device, { deviceTime: Date.now() - 3_600_000 }),
      _deleted: false,
    });
    const push = async (url: string, doc: ReturnType<typeof checkin>) => {
      const res = await call(`${url}${syncPath('checkins', 'push')}`, {
        bearer: device.token,
        body: [{ newDocumentState: doc }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.conflicts).toEqual([]);
    };

    it('backs up while a kiosk pushes, restores into a fresh store, and every dashboard GET answers the same', async () => {
      const sourceUrl = source.databaseUrl;

      // One check-in at a time, each its own transaction, from before the backup starts until after it ends.
      const pushed: ReturnType<typeof checkin>[] = [];
      let writing = true;
      const writer = (async () => {
        while (writing) {
          const doc = checkin();
          await push(source.url, doc);
          pushed.push(doc);
        }
      })();
      while (pushed.length < 5) await new Promise((r) => setTimeout(r, 10));
      const beforeBackup = pushed.length;
      const backup = await city(['backup', backupFile, '--pages-per-step', '8'], { DATABASE_URL: sourceUrl });
      writing = false;
      await writer;
      // one more after the command ended: the backup cannot hold it
      const last = checkin();
      await push(source.url, last);
      pushed.push(last);
      expect(backup.code, backup.output).toBe(0);
      expect(backup.output).toContain('backup written');
      console.log(`[backup] ${kind}: ${backup.output.trim().split('\n').join(' | ')}`);

      // A fresh store, restored by the command and migrated.
      let targetUrl: string;
      if (kind === 'sqlite') targetUrl = `sqlite:${join(files.path, 'restored', 'city.sqlite')}`;
      else {
        // a database the server has started on once: migrated, empty (the restore drops its empty tables)
        const database = await createTestDatabase('restored');
        targetUrl = database.url;
        dropRestored = database.drop;
        const empty = openStore(targetUrl);
        await migrateToLatest(empty);
        await empty.close();
      }
      const restore = await city(['restore', backupFile], { DATABASE_URL: targetUrl });
      expect(restore.code, restore.output).toBe(0);

      const config = loadConfig({
        PORT: '0',
        DATA_DIR: join(files.path, 'restored-data'),
        DATABASE_URL: targetUrl,
        // the key file is not in the backup: the operator keeps it, and the store knows which key it had
        CARD_KEY_FILE: join(source.dataDir, 'keys', 'card-signing-key.json'),
        DASHBOARD_DIR: join(files.path, 'no-dashboard'),
      });
      restored = await startServer(config, { logger: false });

      // The copy is one state of the store: the check-ins it holds are exactly the first k pushed, k at least
      // those pushed before the command started and fewer than all.
      const held = new Set(
        (
          await restored.store.db
            .selectFrom('documents')
            .select('id')
            .where('collection', '=', 'checkins')
            .where(
              'id',
              'in',
              pushed.map((d) => d.id),
            )
            .execute()
        ).map((r) => r.id),
      );
      const k = held.size;
      expect(k).toBeGreaterThanOrEqual(beforeBackup);
      expect(k).toBeLessThan(pushed.length);
      expect(pushed.slice(0, k).every((d) => held.has(d.id))).toBe(true);

      // The kiosk pushes to the restored server what the backup missed (as it would, from its own database).
      for (const doc of pushed.slice(k)) await push(restored.url, doc);

      const admin = demoLogins(source.dataDir).find((l) => l.role === 'admin');
      if (!admin) throw new Error('the demo city has no admin');
      // From here on the test itself acts on both servers (signs in, reads, and an export is audited): what it
      // does after the restore is not in the backup, by construction.
      const comparing = Date.now();
      const cookies = [
        await login(source.url, admin.email, admin.password),
        await login(restored.url, admin.email, admin.password),
      ] as const;
      const params = await pathParams(source.server.store.db);
      const routes = dashboardGetRoutes();
      expect(routes.length).toBeGreaterThan(10);
      const different: string[] = [];
      for (const { key, route } of routes) {
        const path = routePath(route, params);
        const original = withoutMoments(
          madeBefore(await answer(source.url, path, cookies[0]), comparing),
          device.deviceId,
        );
        const copy = withoutMoments(
          madeBefore(await answer(restored.url, path, cookies[1]), comparing),
          device.deviceId,
        );
        expect(original.status, `${key} ${path}`).toBeLessThan(500);
        if (JSON.stringify(original) !== JSON.stringify(copy))
          different.push(`${key} ${path}: ${differences(original, copy).slice(0, 4).join('; ')}`);
      }
      expect(different).toEqual([]);
    }, 300_000);

    it('refuses to restore into a store with a city in it, changing nothing', async () => {
      const db = source.server.store.db;
      const count = async () =>
        Number((await db.selectFrom('documents').select(db.fn.countAll().as('n')).executeTakeFirst())?.n);
      const before = await count();
      const res = await city(['restore', backupFile], { DATABASE_URL: source.databaseUrl });
      expect(res.code, res.output).toBe(3);
      expect(res.output).toMatch(/is not empty \(\d+ users, \d+ documents\)/);
      expect(await count()).toBe(before);
    }, 120_000);
  });
}

/** When an answer was made, not what it says: each server stamps its own moment. */
const ANSWER_MOMENTS = new Set(['generatedAt', 'evaluatedAt', 'exportedAt']);
/** When the server last heard a kiosk: the test's kiosk pushed to the restored server later, by construction. */
const CONTACT_MOMENTS = new Set(['lastSeenAt', 'lastPushAt']);
/** When someone last signed in: the test signs in on each server separately, after the restore. */
const SIGN_IN_MOMENTS = new Set(['lastLoginAt']);

/** An answer without the audit entries (`entries[].at`) made at or after `since`: the test's own actions. */
function madeBefore<T>(value: T, since: number): T {
  const body = (value as { body?: { entries?: Array<{ at?: number; action?: unknown }> } }).body;
  if (!body || !Array.isArray(body.entries)) return value;
  const entries = body.entries.filter((e) => typeof e.action !== 'string' || (e.at ?? 0) < since);
  return { ...value, body: { ...body, entries } };
}

/** An answer without the moments two servers cannot share (above); everything else is compared. */
function withoutMoments<T>(value: T, kioskId: string): T {
  if (Array.isArray(value)) return value.map((v) => withoutMoments(v, kioskId)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const ofKiosk = record.id === kioskId || record.deviceId === kioskId;
  return Object.fromEntries(
    Object.entries(record)
      .filter(
        ([key]) =>
          !ANSWER_MOMENTS.has(key) && !SIGN_IN_MOMENTS.has(key) && !(ofKiosk && CONTACT_MOMENTS.has(key)),
      )
      .map(([key, v]) => [key, withoutMoments(v, kioskId)]),
  ) as T;
}

/** Where two JSON values differ, as `path: a ≠ b` lines, for a failing test's message. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b)
    ? []
    : [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}
