import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { freePort } from '@vigevano/testkit/ports';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterEach, expect, it } from 'vitest';
import { loadConfig, startServer } from '../index';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// A first start on an empty data directory, as `npm start` does: an operator should see no warning that asks
// nothing of them (it was @fastify/static's "root path must exist" for the updates directory).
it('starts on an empty data directory without a warning', async () => {
  const data = tempDir('vigevano-start-log-');
  cleanups.push(() => data.remove());
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  // a built dashboard, as `npm start` builds it first (a missing one is a warning that asks for something)
  const dashboard = join(data.path, 'dashboard');
  mkdirSync(dashboard);
  writeFileSync(join(dashboard, 'index.html'), '<!doctype html><title>Cruscotto</title>');
  const config = loadConfig({
    PORT: String(await freePort()),
    DATA_DIR: data.path,
    DATABASE_URL: `sqlite:${data.path}/city.sqlite`,
    DASHBOARD_DIR: dashboard,
  });
  const server = await startServer(config, { logger: { level: 'warn', stream } });
  cleanups.push(() => server.close());
  expect(lines.map((l) => l.msg)).toEqual([]);
});
