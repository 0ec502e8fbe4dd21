import type { Alert, AlertWebhookEvent } from '@vigevano/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/database';
import { openTestStore, type TestStore, testStoreKinds } from '../store/test-stores';
import { type AlertEventSink, AlertMonitor } from './monitor';

/** Collects what a monitor would send to the webhook, as `event alert-id`. */
function sink(): AlertEventSink & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    send: (e: AlertWebhookEvent) => {
      sent.push(`${e.event} ${e.alert.id}`);
    },
    close: () => undefined,
  };
}

function alert(id: string, since = 1_000): Alert {
  return {
    id,
    kind: 'device_silent',
    severity: 'warning',
    deviceId: id,
    deviceName: 'Ingresso',
    hubId: 'H1',
    hubName: 'Hub Centro',
    since,
    message: 'silenzioso',
  };
}

const fail = (e: unknown) => {
  throw e;
};

describe.each(testStoreKinds())('alert state shared by instances (%s)', (kind) => {
  let test: TestStore | undefined;
  const extra: Store[] = [];
  afterEach(async () => {
    for (const s of extra.splice(0)) await s.close();
    await test?.cleanup();
  });

  it('a restarted instance does not send "opened" again for an alert that stayed open', async () => {
    test = await openTestStore(kind);
    let open = [alert('a'), alert('b')];
    const first = sink();
    await new AlertMonitor(test.store, async () => open, first, fail).current();
    expect(first.sent).toEqual(['opened a', 'opened b']);

    // the process restarts: a new monitor, the same store
    const second = sink();
    const restarted = new AlertMonitor(test.store, async () => open, second, fail);
    await restarted.current();
    expect(second.sent).toEqual([]);
    open = [alert('b')];
    await restarted.current();
    expect(second.sent).toEqual(['closed a']);
  });

  it('two instances on one store send each change once between them, and agree on since', async () => {
    test = await openTestStore(kind);
    // A second instance has its own connections to the same PostgreSQL database. SQLite serves one instance (one
    // process owns the file); there two monitors on the one store stand for two apps in that process.
    const other = kind === 'postgres' ? openStore(test.url) : test.store;
    if (other !== test.store) extra.push(other);
    const seen = sink();
    let open: Alert[] = [alert('x', 5_000)];
    const evaluate = async (openSince: ReadonlyMap<string, number>) =>
      // as evaluate.ts does: an alert already open keeps the since it was first seen with
      open.map((a) => ({ ...a, since: openSince.get(a.id) ?? a.since }));
    const one = new AlertMonitor(test.store, evaluate, seen, fail);
    const two = new AlertMonitor(other, evaluate, seen, fail);
    // both evaluate at the same time, many times: one "opened", whoever wins
    await Promise.all([one.current(), two.current(), one.current(), two.current()]);
    expect(seen.sent).toEqual(['opened x']);
    open = [alert('x', 9_000), alert('y')];
    const [a, b] = await Promise.all([one.current(), two.current()]);
    expect(seen.sent).toEqual(['opened x', 'opened y']);
    expect(a.find((x) => x.id === 'x')?.since).toBe(5_000);
    expect(b.find((x) => x.id === 'x')?.since).toBe(5_000);
    open = [];
    await Promise.all([one.current(), two.current()]);
    expect(seen.sent.sort()).toEqual(['closed x', 'closed y', 'opened x', 'opened y']);
  });
});
