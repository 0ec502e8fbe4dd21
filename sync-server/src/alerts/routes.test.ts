import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type AlertWebhookEvent, SYNC_HEADERS, syncPath } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoLogins, login, startTestServer, type TestServer } from '../testing/test-server';

// The whole path of an alert: a demo kiosk reports its disk full; coordinators see it at /api/alerts, the webhook
// receives it opened, once; the disk freed, it closes, once.
describe('alerts of a running server (sqlite)', () => {
  let t: TestServer;
  const received: AlertWebhookEvent[] = [];
  const hook = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => {
      text += c.toString();
    });
    req.on('end', () => {
      received.push(JSON.parse(text) as AlertWebhookEvent);
      res.writeHead(204).end();
    });
  });
  let kiosk: { token: string; deviceId: string };
  let cookies: Record<string, string>;

  beforeAll(async () => {
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const { port } = hook.address() as AddressInfo;
    t = await startTestServer('sqlite', {
      demoCity: true,
      env: { ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/alerts`, ALERT_CHECK_SECONDS: '1' },
    });
    const dir = join(t.dataDir, 'kiosks');
    const [first] = readdirSync(dir);
    kiosk = JSON.parse(readFileSync(join(dir, first as string, 'identity.json'), 'utf8'));
    cookies = {};
    for (const l of demoLogins(t.dataDir)) cookies[l.role] = await login(t.url, l.email, l.password);
  });
  afterAll(async () => {
    await t?.stop();
    await new Promise((r) => hook.close(r));
  });

  const report = (storage: 'ok' | 'full') =>
    fetch(`${t.url}${syncPath('', 'report')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${kiosk.token}`, [SYNC_HEADERS.storage]: storage },
    });
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((r) => setTimeout(r, 50));
  };
  const events = (id: string) => received.filter((e) => e.alert.id === id).map((e) => e.event);

  it('opens on a full disk: listed for coordinators and admins, sent to the webhook once', async () => {
    const id = `disk_full:${kiosk.deviceId}`;
    expect((await report('full')).status).toBe(204);
    const res = await call(`${t.url}/api/alerts`, { cookie: cookies.coordinator });
    expect(res.status).toBe(200);
    expect(res.body.alerts).toContainEqual(
      expect.objectContaining({ id, kind: 'disk_full', severity: 'critical', deviceId: kiosk.deviceId }),
    );
    expect((await call(`${t.url}/api/alerts`, { cookie: cookies.admin })).status).toBe(200);
    expect((await call(`${t.url}/api/alerts`, { cookie: cookies.viewer })).status).toBe(403);
    expect((await call(`${t.url}/api/alerts`)).status).toBe(401);
    await until(() => events(id).length > 0);
    // a few more evaluations (timer and requests) change nothing
    await new Promise((r) => setTimeout(r, 1_500));
    await call(`${t.url}/api/alerts`, { cookie: cookies.admin });
    expect(events(id)).toEqual(['opened']);
  });

  it('closes once the kiosk reports space again', async () => {
    const id = `disk_full:${kiosk.deviceId}`;
    expect((await report('ok')).status).toBe(204);
    await until(() => events(id).length > 1);
    expect(
      (await call(`${t.url}/api/alerts`, { cookie: cookies.coordinator })).body.alerts,
    ).not.toContainEqual(expect.objectContaining({ id }));
    await new Promise((r) => setTimeout(r, 1_200));
    expect(events(id)).toEqual(['opened', 'closed']);
  });
});
