import { syncPath } from '@vigevano/protocol';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../store/test-stores';
import { serverForSuite } from '../testing/suite';
import { call } from '../testing/test-server';
import { createHubs, enrolTestDevice, sessionDoc, type TestDevice } from './test-support';
import { attempt, storeAsServer } from './write-matrix';

// The attacks of issue 13 (one enrolled kiosk token, no staff login), each over real HTTP against the server on
// SQLite and PostgreSQL: every one must be refused and leave the stored document exactly as it was.

type Doc = Record<string, unknown>;

describe.each(testStoreKinds())('write authority against a hostile kiosk on %s', (kind) => {
  let hubA: string;
  let hubB: string;
  let a1: TestDevice;
  let b1: TestDevice;

  const t = serverForSuite(kind);
  beforeAll(async () => {
    [hubA, hubB] = (await createHubs(t.server.store.db, 2)) as [string, string];
    a1 = await enrolTestDevice(t.server.store.db, hubA, 'Ingresso A');
    b1 = await enrolTestDevice(t.server.store.db, hubB, 'Ingresso B');
  });

  const now = Date.now();
  /** A visitor card issued offline by a kiosk of hub B, pushed by it the honest way. */
  async function cardOfHubB(overrides: Doc = {}): Promise<Doc> {
    const card = {
      id: ulid(),
      hubId: hubB,
      visitorId: ulid(),
      alias: 'Maria',
      language: 'it',
      issuer: b1.deviceId,
      issuedAt: now,
      revoked: false,
      role: 'visitor',
      updatedAt: now,
      ...overrides,
    };
    const res = await call(`${t.url}${syncPath('cards', 'push')}`, {
      bearer: b1.token,
      body: [{ newDocumentState: { ...card, _deleted: false } }],
    });
    expect(res.body).toEqual({ conflicts: [] });
    return card;
  }
  const push = (device: TestDevice, collection: string, incoming: Doc, assumed: Doc | null) =>
    attempt(t.url, t.server.store.db, collection, device, incoming, assumed);
  const asMaster = (doc: Doc) => ({ ...doc, _deleted: false });

  it("refuses a kiosk moving another hub's card to its own hub, renaming it or making it a facilitator's", async () => {
    const card = await cardOfHubB();
    const stolen = { ...card, hubId: hubA, alias: 'Preso', role: 'facilitator', updatedAt: now + 10 };
    const refusedWrites = () => t.server.app.activity.refusedWrites.byName();
    const counted = refusedWrites().cards ?? 0;
    for (const assumed of [card, null]) {
      const result = await push(a1, 'cards', stolen, assumed);
      expect(result.outcome).toBe('refused');
      expect(result.conflicts).toEqual([asMaster(card)]);
      expect(result.unchanged).toBe(true);
    }
    // one field at a time too: each is the server's or fixed at issue
    for (const change of [{ hubId: hubA }, { alias: 'Preso' }, { role: 'facilitator' }]) {
      const result = await push(a1, 'cards', { ...card, ...change, updatedAt: now + 10 }, card);
      expect(result.outcome, JSON.stringify(change)).toBe('refused');
      expect(result.unchanged).toBe(true);
    }
    // every refused row is counted (and logged with its device)
    expect(refusedWrites().cards).toBe(counted + 5);
  });

  it('refuses un-revoking a lost card or the card of an erased person, even from the kiosk that issued it', async () => {
    const lost = await cardOfHubB({ revoked: true, revokedAt: now, revokedReason: 'lost' });
    const erased = {
      ...(await cardOfHubB()),
      revoked: true,
      revokedAt: now + 1,
      revokedReason: 'erased',
      updatedAt: now + 1,
    };
    await storeAsServer(t.server.store.db, 'cards', erased);
    for (const stored of [lost, erased])
      for (const device of [a1, b1]) {
        const { revokedAt: _at, revokedReason: _reason, ...live } = stored;
        const result = await push(device, 'cards', { ...live, revoked: false, updatedAt: now + 20 }, stored);
        expect(result.outcome).toBe('refused');
        // hub B's own kiosk gets the stored card back; hub A's is refused outright (a card of another hub)
        if (device === b1) expect(result.conflicts).toEqual([asMaster(stored)]);
        else expect(result.status).toBe(403);
        expect(result.unchanged).toBe(true);
      }
  });

  it('refuses a kiosk creating a facilitator card or promoting a visitor card, and stores nothing', async () => {
    const card = {
      id: ulid(),
      hubId: hubA,
      visitorId: ulid(),
      alias: 'Capo',
      language: 'it',
      issuer: a1.deviceId,
      issuedAt: now,
      revoked: false,
      updatedAt: now,
    };
    for (const grant of [{ role: 'facilitator' }, { facilitatorHubs: [hubA, hubB] }]) {
      const created = await push(a1, 'cards', { ...card, ...grant }, null);
      expect(created.status).toBe(403);
      expect(created.after).toBeUndefined();
    }
    // its own visitor card, issued honestly, then pushed again as a facilitator's
    const visitor = { ...card, id: ulid(), role: 'visitor' };
    expect((await push(a1, 'cards', visitor, null)).outcome).toBe('allowed');
    const promoted = await push(
      a1,
      'cards',
      { ...visitor, role: 'facilitator', updatedAt: now + 1 },
      visitor,
    );
    expect(promoted.outcome).toBe('refused');
    expect(promoted.unchanged).toBe(true);
    expect(promoted.after).toEqual(visitor);
  });

  it("refuses a kiosk taking over another hub's session with a later edit, whatever it claims to have seen", async () => {
    const session = sessionDoc(hubB, { updatedAt: now });
    const created = await push(b1, 'sessions', session, null);
    expect(created.outcome).toBe('allowed');
    const takeover = {
      ...session,
      hubId: hubA,
      title: 'Presa',
      facilitator: 'Intruso',
      updatedAt: now + 60_000,
    };
    for (const assumed of [session, null, { ...session, updatedAt: now - 1 }]) {
      const result = await push(a1, 'sessions', takeover, assumed);
      expect(result.outcome).toBe('refused');
      expect(result.conflicts).toEqual([asMaster(session)]);
      expect(result.unchanged).toBe(true);
    }
    const pulled = await call(`${t.url}${syncPath('sessions', 'pull')}?limit=1000`, { bearer: a1.token });
    expect(pulled.body.documents.map((d: Doc) => d.id)).not.toContain(session.id);
  });

  it("refuses a kiosk putting people on another hub's session (roster or check-in), and stores nothing", async () => {
    const theirs = sessionDoc(hubB, { updatedAt: now });
    expect((await push(b1, 'sessions', theirs, null)).outcome).toBe('allowed');
    const cardId = ulid();
    const enrolment = {
      id: `${theirs.id}:${cardId}`,
      sessionId: theirs.id,
      hubId: hubA,
      cardId,
      alias: 'Intruso',
      walkIn: true,
      attendance: 'present',
      markedBy: 'facilitator',
      updatedAt: now,
    };
    const checkin = {
      id: ulid(),
      hubId: hubA,
      deviceId: a1.deviceId,
      cardId,
      sessionId: theirs.id,
      direction: 'in',
      source: 'camera',
      deviceTime: now,
      hlc: `${String(now).padStart(13, '0')}-0000-${a1.deviceId}`,
      updatedAt: now,
    };
    for (const [collection, doc] of [
      ['enrolments', enrolment],
      ['checkins', checkin],
    ] as const) {
      const res = await call(`${t.url}${syncPath(collection, 'push')}`, {
        bearer: a1.token,
        body: [{ newDocumentState: { ...doc, _deleted: false } }],
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('sessionId names a sessions document of another hub');
      const stored = await t.server.store.db
        .selectFrom('documents')
        .select('id')
        .where('id', '=', doc.id)
        .execute();
      expect(stored).toEqual([]);
    }
    // A session of its own hub the server has not seen yet (made offline, pushed later) does not hold it up.
    const offline = sessionDoc(hubA, { updatedAt: now });
    const own = { ...enrolment, id: `${offline.id}:${cardId}`, sessionId: offline.id, alias: 'Maria' };
    expect((await push(a1, 'enrolments', own, null)).outcome).toBe('allowed');
  });

  it("still lets a hub's kiosks revoke its cards and edit its sessions, and no other hub's kiosk revoke them", async () => {
    const card = await cardOfHubB();
    const revocation = {
      ...card,
      revoked: true,
      revokedAt: now + 5,
      revokedReason: 'lost',
      updatedAt: now + 5,
    };
    const elsewhere = await push(a1, 'cards', { ...revocation, hubId: hubA }, card);
    expect(elsewhere.outcome).toBe('refused');
    expect(elsewhere.unchanged).toBe(true);
    const revoked = await push(b1, 'cards', revocation, card);
    expect(revoked.outcome).toBe('allowed');
    expect(revoked.after).toEqual(revocation);
    const session = sessionDoc(hubA, { updatedAt: now });
    expect((await push(a1, 'sessions', session, null)).outcome).toBe('allowed');
    const opened = { ...session, status: 'open', notes: 'aula 2', updatedAt: now + 1 };
    const edit = await push(a1, 'sessions', opened, session);
    expect(edit.outcome).toBe('allowed');
    expect(edit.after).toEqual(opened);
  });
});
