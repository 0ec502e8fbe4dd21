import { ERASED_ALIAS } from '@vigevano/protocol';
import { adminCookie } from '@vigevano/testkit/admin-login';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import type { RxDatabase } from 'rxdb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CheckinService } from '../checkin/checkin-service';
import { KioskClock } from '../clock';
import { openKioskDatabase } from '../database/open';
import { createMessages } from '../i18n/messages';
import { readIdentity } from '../identity';
import { startReplication } from '../replication/start-replication';

// Issue 13 item 10: erasing a visitor's personal data on the server also reaches the kiosks. A kiosk that syncs
// holds the visitor's card revoked and naming nobody, and refuses it, with a real sync server (the demo city)
// and the kiosk's real database and replication.

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer();
}, 120_000);
afterAll(async () => {
  await server?.dispose();
});

async function dashboard(
  method: string,
  path: string,
  cookie: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

it("holds an erased visitor's card without alias once it syncs, and refuses it", async () => {
  const cookie = await adminCookie(server);
  const identity = { ...readIdentity(server.kioskDirs()[0] as string), serverUrl: server.url };
  const created = await dashboard('POST', '/api/dashboard/people', cookie, {
    hubId: identity.hubId,
    card: { alias: 'Zefirina', language: 'it' },
    person: { firstName: 'Zefirina', lastName: 'Bassi', consent: true },
  });
  const { token, visitorId } = created as { token: string; visitorId: string };
  const cardId = (created as { card: { id: string } }).card.id;

  const dir = tempDir('vigevano-erasure-kiosk-');
  const db = await openKioskDatabase({ directory: dir.path });
  const replication = startReplication({
    // as the hub service does: replication takes any RxDB database
    database: db as unknown as RxDatabase,
    identity,
    appVersion: '0.1.0-erasure',
    backoff: { minMs: 30, maxMs: 300 },
  });
  try {
    await replication.awaitInSync();
    expect((await db.cards.findOne(cardId).exec())?.alias).toBe('Zefirina');
    const service = new CheckinService({
      db,
      identity,
      clock: await KioskClock.open(db, identity.deviceId),
      messages: await createMessages(),
    });
    expect((await service.scan(token, 'camera')).code).toBe('accepted');

    await dashboard('DELETE', `/api/dashboard/people/${visitorId}`, cookie);
    // The change reaches the kiosk through normal replication (the live stream, or its next sync).
    let card = await db.cards.findOne(cardId).exec();
    for (let i = 0; i < 300 && !card?.revoked; i++) {
      replication.syncNow();
      await new Promise((r) => setTimeout(r, 200));
      card = await db.cards.findOne(cardId).exec();
    }
    expect(card?.toJSON()).toMatchObject({ alias: ERASED_ALIAS, revoked: true, revokedReason: 'erased' });
    // Nothing the kiosk holds names her any more.
    const held = await Promise.all(
      (['cards', 'enrolments', 'checkins'] as const).map(async (name) =>
        (await db[name].find().exec()).map((d) => JSON.stringify(d.toJSON())),
      ),
    );
    expect(held.flat().filter((text) => text.includes('Zefirina'))).toEqual([]);
    // The printed card still carries the alias in its signed token, but the kiosk refuses it.
    expect((await service.scan(token, 'camera')).code).toBe('revoked');
  } finally {
    await replication.stop();
    await db.close();
    dir.remove();
  }
}, 180_000);
