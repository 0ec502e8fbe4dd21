import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Alert, AlertWebhookEvent } from '@vigevano/protocol';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../store/test-stores';
import { AlertMonitor } from './monitor';
import { WebhookSender } from './webhook';

/** A real HTTP receiver: answers each POST with the next status of `statuses` (then 204), keeps the bodies. */
async function receiver(statuses: number[] = []) {
  const received: Array<{ status: number; body: AlertWebhookEvent }> = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    req.on('end', () => {
      const status = statuses.shift() ?? 204;
      received.push({ status, body: JSON.parse(text) as AlertWebhookEvent });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** only the deliveries answered 2xx, as `event alert-id` */
    delivered: () => received.filter((r) => r.status < 300).map((r) => `${r.body.event} ${r.body.alert.id}`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const silentLog = { warn: () => undefined, error: () => undefined };

function alert(id: string): Alert {
  return {
    id,
    kind: 'disk_full',
    severity: 'critical',
    deviceId: id,
    deviceName: 'Ingresso',
    hubId: 'H1',
    hubName: 'Hub Centro',
    since: 1,
    message: 'disco pieno',
  };
}

describe('alert webhook', () => {
  let hook: Awaited<ReturnType<typeof receiver>>;
  let sender: WebhookSender | undefined;
  // the alerts' shared state lives in the store (each test's alerts have their own ids, except the first test's
  // `a`, `b`, `c`, which it opens and closes again)
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('sqlite');
  });
  afterAll(async () => {
    await store.cleanup();
  });
  beforeEach(async () => {
    sender = undefined;
    await store.store.db.deleteFrom('alert_state').execute();
  });
  afterEach(async () => {
    sender?.close();
    await hook?.close();
  });

  it('sends each alert once when it opens and once when it closes, in order', async () => {
    hook = await receiver();
    sender = new WebhookSender(hook.url, { log: silentLog });
    let open: Alert[] = [alert('a'), alert('b')];
    const monitor = new AlertMonitor(
      store.store,
      async () => open,
      sender,
      (e) => {
        throw e;
      },
    );
    await monitor.current();
    await monitor.current(); // nothing changed: nothing sent
    open = [alert('b'), alert('c')];
    await monitor.current();
    open = [];
    await monitor.current();
    await sender.idle();
    expect(hook.delivered()).toEqual([
      'opened a',
      'opened b',
      'closed a',
      'opened c',
      'closed b',
      'closed c',
    ]);
    expect(hook.received[0]?.body).toMatchObject({ event: 'opened', alert: alert('a') });
    expect(typeof hook.received[0]?.body.at).toBe('number');
  });

  it('retries a failed delivery with backoff until the receiver takes it, and not after', async () => {
    hook = await receiver([503, 500]);
    const warnings: unknown[] = [];
    sender = new WebhookSender(hook.url, {
      baseDelayMs: 20,
      log: { warn: (o) => warnings.push(o), error: () => undefined },
    });
    sender.send({ event: 'opened', alert: alert('a'), at: 1 });
    sender.send({ event: 'closed', alert: alert('a'), at: 2 });
    await sender.idle();
    expect(hook.received.map((r) => `${r.status} ${r.body.event}`)).toEqual([
      '503 opened',
      '500 opened',
      '204 opened',
      '204 closed',
    ]);
    expect(warnings).toHaveLength(2);
  });

  it('gives an event up after its attempts, logs it, and goes on with the next', async () => {
    hook = await receiver([500, 500]);
    const errors: unknown[] = [];
    sender = new WebhookSender(hook.url, {
      maxAttempts: 2,
      baseDelayMs: 10,
      log: { warn: () => undefined, error: (o) => errors.push(o) },
    });
    sender.send({ event: 'opened', alert: alert('a'), at: 1 });
    sender.send({ event: 'opened', alert: alert('b'), at: 1 });
    await sender.idle();
    expect(hook.delivered()).toEqual(['opened b']);
    expect(errors).toEqual([expect.objectContaining({ alert: 'a', attempt: 2 })]);
  });

  it('retries when nobody listens, and stops at once when closed', async () => {
    hook = await receiver();
    const url = hook.url;
    await hook.close();
    let failures = 0;
    sender = new WebhookSender(url, {
      baseDelayMs: 60_000,
      log: {
        warn: () => {
          failures += 1;
        },
        error: () => undefined,
      },
    });
    sender.send({ event: 'opened', alert: alert('a'), at: 1 });
    while (failures === 0) await new Promise((r) => setTimeout(r, 10));
    // waiting a minute before the next attempt; close ends the wait and drops the event
    sender.close();
    await sender.idle();
    expect(failures).toBe(1);
  });

  it('answers the dashboard without waiting for a slow receiver', async () => {
    const slow = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const { port } = slow.address() as AddressInfo;
    sender = new WebhookSender(`http://127.0.0.1:${port}/`, { log: silentLog });
    const monitor = new AlertMonitor(
      store.store,
      async () => [alert('a')],
      sender,
      () => undefined,
    );
    try {
      expect((await monitor.current()).map((a) => a.id)).toEqual(['a']);
    } finally {
      await monitor.stop();
      slow.closeAllConnections();
      await new Promise((r) => slow.close(r));
    }
    hook = await receiver(); // for afterEach
  });
});
