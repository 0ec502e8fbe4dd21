import { syncPath } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinDoc, createHubs, enrolTestDevice, type TestDevice } from '../sync/test-support';
import { startTestServer, type TestServer } from '../testing/test-server';

const TOKEN = 'scrape-token-for-the-test-0123';

/** One sample's value from Prometheus text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return undefined;
}

describe('/metrics after real sync traffic (sqlite)', () => {
  let t: TestServer;
  let device: TestDevice;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { env: { METRICS_TOKEN: TOKEN, TRUST_PROXY: 'loopback' } });
    const [hubId] = await createHubs(t.server.store.db, 1);
    device = await enrolTestDevice(t.server.store.db, hubId as string);
  });
  afterAll(() => t?.stop());

  const scrape = async () => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };
  const push = (rows: unknown[]) =>
    fetch(`${t.url}${syncPath('checkins', 'push')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });

  it('refuses a scraper without the token, or with another', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
  });

  it('counts a push, its documents, a refused push, a pull and the hub contact', async () => {
    const before = await scrape();
    const pushes = (outcome: string, text: string) =>
      sample(text, 'vigevano_sync_pushes_total', { collection: 'checkins', outcome }) ?? 0;
    const docs = (text: string) =>
      sample(text, 'vigevano_sync_documents_pushed_total', { collection: 'checkins' }) ?? 0;

    const rows = [checkinDoc(device), checkinDoc(device)].map((d) => ({
      newDocumentState: { ...d, _deleted: false },
      assumedMasterState: null,
    }));
    expect((await push(rows)).status).toBe(200);
    // a check-in for another hub: the write authority refuses the whole push
    const foreign = { ...checkinDoc(device), hubId: '01JAAAAAAAAAAAAAAAAAAAAAAA' };
    expect((await push([{ newDocumentState: { ...foreign, _deleted: false } }])).status).toBe(403);
    const pull = await fetch(`${t.url}${syncPath('checkins', 'pull')}`, {
      headers: { authorization: `Bearer ${device.token}` },
    });
    expect(pull.status).toBe(200);

    const after = await scrape();
    expect(pushes('ok', after) - pushes('ok', before)).toBe(1);
    expect(pushes('refused', after) - pushes('refused', before)).toBe(1);
    expect(docs(after) - docs(before)).toBe(2);
    expect(
      sample(after, 'vigevano_sync_refused_writes_total', { collection: 'checkins', reason: 'foreign_hub' }),
    ).toBe(1);
    expect(sample(after, 'vigevano_sync_pulls_total', { collection: 'checkins' })).toBe(1);
    expect(sample(after, 'vigevano_sync_documents_pulled_total', { collection: 'checkins' })).toBe(2);
    const contact = sample(after, 'vigevano_hub_last_contact_seconds', { hub: device.hubId });
    expect(contact).toBeGreaterThan(Date.now() / 1000 - 120);
    expect(sample(after, 'vigevano_http_errors_total', { status_class: '4xx' })).toBeGreaterThanOrEqual(3);
    expect(
      sample(after, 'vigevano_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/sync/:collection/push',
        status_class: '2xx',
      }),
    ).toBe(1);
    // the Node process's default metrics come along, on this app's own registry
    expect(sample(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(after, 'vigevano_report_lag_documents')).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'vigevano_sync_open_streams')).toBe(0);
  });

  it('counts an open stream while it is open', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${t.url}${syncPath('checkins', 'stream')}`, {
      headers: { authorization: `Bearer ${device.token}` },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(sample(await scrape(), 'vigevano_sync_open_streams')).toBe(1);
    controller.abort();
  });

  it('is closed to a client that is not on this machine when no token is set', async () => {
    const open = await startTestServer('sqlite', { env: { TRUST_PROXY: 'loopback' } });
    try {
      expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
      // through a proxy on this machine, the real client is elsewhere
      const remote = await fetch(`${open.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(remote.status).toBe(403);
    } finally {
      await open.stop();
    }
  });

  it('keeps two apps in one process apart: each has its own registry', async () => {
    const other = await startTestServer('sqlite', { env: { METRICS_TOKEN: TOKEN } });
    try {
      const res = await fetch(`${other.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(sample(text, 'vigevano_sync_pushes_total', { collection: 'checkins', outcome: 'ok' })).toBe(
        undefined,
      );
    } finally {
      await other.stop();
    }
  });
});
