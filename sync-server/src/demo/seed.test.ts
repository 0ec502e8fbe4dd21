import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyCardToken } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDocuments } from '../store/documents';
import { call, demoLogins, login, startTestServer, type TestServer } from '../testing/test-server';
import type { DemoKioskIdentity } from './seed';
import { seedDemoCityOnce } from './seed';

describe('the demo city', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { demoCity: true });
  });
  afterAll(() => t.stop());

  it('has three hubs, six enrolled kiosks with identities on disk, 63 cards, sessions and content', async () => {
    const db = t.server.store.db;
    const hubs = await listDocuments<{ name: string; targetGroups: string[] }>(db, 'hubs');
    expect(hubs.map((h) => h.name).sort()).toEqual([
      'Hub Cavallerizza',
      'Hub Riva del Ticino',
      'Hub Sforzesca',
    ]);
    const cards = await listDocuments<{ hubId: string; role?: string; facilitatorHubs?: string[] }>(
      db,
      'cards',
    );
    expect(cards).toHaveLength(63);
    // the server grants each demo facilitator card facilitator mode at its own hub's kiosks, and no other card any
    const granted = cards.filter((c) => c.facilitatorHubs !== undefined);
    expect(granted).toHaveLength(3);
    for (const c of granted) expect(c).toMatchObject({ role: 'facilitator', facilitatorHubs: [c.hubId] });
    const facilitators = JSON.parse(readFileSync(join(t.dataDir, 'demo-facilitators.json'), 'utf8'));
    expect(facilitators).toHaveLength(3);
    for (const f of facilitators) expect(f.pin).toMatch(/^[0-9]{6}$/);
    expect((await listDocuments(db, 'sessions')).length).toBeGreaterThanOrEqual(15);
    const content = await listDocuments<{ title: { it: string; en?: string } }>(db, 'content');
    expect(content.length).toBeGreaterThanOrEqual(4);
    for (const item of content) expect(item.title.en).toBeTruthy();

    const dirs = readdirSync(join(t.dataDir, 'kiosks'));
    expect(dirs).toHaveLength(6);
    for (const dir of dirs) {
      const identity = JSON.parse(
        readFileSync(join(t.dataDir, 'kiosks', dir, 'identity.json'), 'utf8'),
      ) as DemoKioskIdentity;
      // Each identity works against the real server.
      const snapshot = await call(`${t.url}/api/device/snapshot`, { bearer: identity.token });
      expect(snapshot.status).toBe(200);
      expect(snapshot.body.hub.name).toBe(identity.hubName);
    }
  });

  it('writes one login per role, admin first, each of which signs in', async () => {
    const logins = demoLogins(t.dataDir);
    expect(logins.map((l) => l.role)).toEqual(['admin', 'coordinator', 'hub_lead', 'viewer']);
    for (const l of logins) expect(await login(t.url, l.email, l.password)).toMatch(/^vg_session=/);
  });

  it('shows the city overview, and a hub lead only their hub', async () => {
    const [admin, , lead] = demoLogins(t.dataDir);
    if (!admin || !lead) throw new Error('demo logins missing');
    const all = await call(`${t.url}/api/city/overview`, {
      cookie: await login(t.url, admin.email, admin.password),
    });
    expect(all.body.hubs).toHaveLength(3);
    for (const hub of all.body.hubs) {
      expect(hub.devices).toBe(2);
      expect(hub.cards).toBe(21); // twenty visitors and one facilitator
      expect(hub.sessionsThisWeek).toBeGreaterThan(0);
    }
    const own = await call(`${t.url}/api/city/overview`, {
      cookie: await login(t.url, lead.email, lead.password),
    });
    expect(own.body.hubs.map((h: { name: string }) => h.name)).toEqual(['Hub Cavallerizza']);
  });

  it('prints the demo cards (60 visitors, 3 facilitators) whose QR tokens verify offline with the server key', async () => {
    const res = await fetch(`${t.url}/demo/cards`);
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html.match(/<article class="card"/g)).toHaveLength(63);
    const key = t.server.cardKeys.signingKey();
    const tokens = [...html.matchAll(/data-token="([^"]+)"/g)].map((m) => m[1] as string);
    expect(new Set(tokens).size).toBe(63);
    const aliases = new Set(
      (await listDocuments<{ alias: string }>(t.server.store.db, 'cards')).map((c) => c.alias),
    );
    for (const token of tokens) {
      const result = verifyCardToken(token, (keyId) =>
        keyId === key.keyId ? { id: 'server', keyId, publicKey: key.publicKey } : undefined,
      );
      expect(result.ok && aliases.has(result.card.alias)).toBe(true);
    }
  });

  it('seeds only once: a second start keeps the same city', async () => {
    const again = await seedDemoCityOnce({
      db: t.server.store.db,
      serverKey: { keyId: 'k', publicKey: 'p', secretKey: 's' },
      dataDir: t.dataDir,
      serverUrl: t.url,
      log: { info: () => undefined },
    });
    expect(again).toBe(false);
    expect(await listDocuments(t.server.store.db, 'hubs')).toHaveLength(3);
    expect(existsSync(join(t.dataDir, 'demo-credentials.json'))).toBe(true);
  });
});
