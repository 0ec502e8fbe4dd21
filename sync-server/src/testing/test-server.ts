import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@vigevano/testkit/ports';
import { tempDir } from '@vigevano/testkit/tmp';
import { loadConfig } from '../config';
import { type RunningServer, startServer } from '../index';
import type { StoreKind } from '../store/database';
import { openTestStore } from '../store/test-stores';

export interface TestServer {
  url: string;
  server: RunningServer;
  dataDir: string;
  /** the store it runs on (DATABASE_URL), for tests that open it from another process */
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * A real server on a real port, over a fresh SQLite file or PostgreSQL database, with the demo city if asked;
 * `env` adds configuration variables (sync-server/README.md), e.g. RELEASE_PUBLIC_KEY.
 */
export async function startTestServer(
  kind: StoreKind,
  /** `env`: more server settings (e.g. STREAMS_PER_DEVICE), as environment variables */
  options: { demoCity?: boolean; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const data = tempDir('vigevano-server-');
  const database = await openTestStore(kind, { migrate: false });
  // The test store only provided an empty database; the server opens it itself.
  await database.store.close();
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    DATA_DIR: data.path,
    DATABASE_URL: database.url,
    DEMO_CITY: options.demoCity ? '1' : '0',
    DASHBOARD_DIR: join(data.path, 'no-dashboard'),
    ...options.env,
  });
  const server = await startServer(config, { logger: false });
  return {
    url: server.url,
    server,
    dataDir: data.path,
    databaseUrl: database.url,
    stop: async () => {
      await server.close();
      await database.cleanup().catch(() => undefined);
      data.remove();
    },
  };
}

/** Signs in and returns the session cookie to send with later requests. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

export function demoLogins(dataDir: string): Array<{ role: string; email: string; password: string }> {
  return JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'));
}

/** JSON request helper: returns status and parsed body. */
// biome-ignore lint/suspicious/noExplicitAny: tests assert on response bodies of every shape
type AnyBody = any;
export async function call(
  url: string,
  init: { method?: string; body?: unknown; cookie?: string; bearer?: string } = {},
): Promise<{ status: number; body: AnyBody }> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
}
