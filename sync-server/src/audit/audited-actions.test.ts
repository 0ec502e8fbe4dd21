import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCity, type Role, startDemoCity } from '../dashboard/test-support';
import { testStoreKinds } from '../store/test-stores';

// Issue 15, item 6: every administrative action of the dashboard leaves exactly one audit entry, with its actor,
// target, before and after; then the log's API filters and pages them, for the admin only.

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface Entry {
  id: string;
  at: number;
  actorId: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  hubId: string | null;
  before: unknown;
  after: unknown;
}

describe.each(testStoreKinds())('audited actions on %s', (kind) => {
  let city: DemoCity;
  const email = {} as Record<Role, string>;
  const userId = {} as Record<Role, string>;
  beforeAll(async () => {
    city = await startDemoCity(kind);
    for (const role of ['admin', 'coordinator', 'hub_lead'] as Role[]) {
      const me = (await city.get('/api/auth/me', role)).body.user;
      email[role] = me.email;
      userId[role] = me.id;
    }
  });
  afterAll(() => city.t.stop());

  const allEntries = async (): Promise<Entry[]> => {
    const entries: Entry[] = [];
    let before = '';
    for (;;) {
      const page = await city.get(`/api/admin/audit?limit=500${before ? `&before=${before}` : ''}`, 'admin');
      expect(page.status).toBe(200);
      entries.push(...page.body.entries);
      if (!page.body.nextCursor) return entries;
      before = page.body.nextCursor;
    }
  };
  /** Runs `action` and returns the one entry it added (failing unless it added exactly one). */
  const onlyEntry = async (action: () => Promise<{ status: number }>): Promise<Entry> => {
    const known = new Set((await allEntries()).map((e) => e.id));
    const res = await action();
    expect(res.status).toBe(200);
    const added = (await allEntries()).filter((e) => !known.has(e.id));
    expect(added).toHaveLength(1);
    return added[0] as Entry;
  };
  const noEntry = async (action: () => Promise<unknown>) => {
    const before = (await allEntries()).length;
    await action();
    expect((await allEntries()).length).toBe(before);
  };
  const content = () => ({
    kind: 'news',
    hubIds: [city.ownHub],
    title: { it: 'Laboratorio di fotografia' },
    body: { it: 'Sabato alle 10' },
    schedule: { from: Date.now(), to: Date.now() + 86_400_000 },
    priority: 50,
  });

  it('content: create, edit, publish, delete, image upload', async () => {
    const created = await onlyEntry(() =>
      city.send('POST', '/api/dashboard/content', 'coordinator', content()),
    );
    expect(created).toMatchObject({
      action: 'content.create',
      actorId: userId.coordinator,
      actorLabel: email.coordinator,
      targetType: 'content',
      before: null,
      after: { title: { it: 'Laboratorio di fotografia' }, published: false },
    });
    const id = created.targetId;
    const edited = await onlyEntry(() =>
      city.send('PUT', `/api/dashboard/content/${id}`, 'admin', { ...content(), priority: 10 }),
    );
    expect(edited).toMatchObject({
      action: 'content.update',
      actorLabel: email.admin,
      before: { priority: 50 },
      after: { priority: 10 },
    });
    const published = await onlyEntry(() =>
      city.send('POST', `/api/dashboard/content/${id}/publish`, 'coordinator', { published: true }),
    );
    expect(published).toMatchObject({
      action: 'content.publish',
      before: { published: false },
      after: { published: true },
    });
    const deleted = await onlyEntry(() => city.send('DELETE', `/api/dashboard/content/${id}`, 'coordinator'));
    expect(deleted).toMatchObject({ action: 'content.delete', targetId: id, after: null });
    expect(deleted.before).toMatchObject({ priority: 10 });
    const image = await onlyEntry(() =>
      city.send('POST', '/api/dashboard/content-images', 'coordinator', {
        mediaType: 'image/png',
        dataBase64: PNG,
      }),
    );
    expect(image).toMatchObject({
      action: 'content_image.upload',
      after: { mediaType: 'image/png', size: Buffer.from(PNG, 'base64').length },
    });
    // a refused write records nothing
    await noEntry(() =>
      city.send('POST', '/api/dashboard/content', 'coordinator', {
        ...content(),
        schedule: { from: 10, to: 5 },
      }),
    );
  });

  it('kiosks: enrolment codes from either route, and revocation', async () => {
    const code = await onlyEntry(() =>
      city.send('POST', '/api/dashboard/devices/enrolment-codes', 'coordinator', {
        hubId: city.ownHub,
        place: 'Portineria',
      }),
    );
    expect(code).toMatchObject({
      action: 'device.enrolment_code',
      targetType: 'hub',
      targetId: city.ownHub,
      hubId: city.ownHub,
      after: { place: 'Portineria' },
    });
    expect(JSON.stringify(code)).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    const plain = await onlyEntry(() =>
      city.send('POST', `/api/hubs/${city.otherHub}/enrolment-codes`, 'admin'),
    );
    expect(plain).toMatchObject({ action: 'device.enrolment_code', hubId: city.otherHub });
    const kiosk = (await city.get('/api/dashboard/devices', 'admin')).body.devices.find(
      (d: { state: string }) => d.state === 'active',
    );
    const revoked = await onlyEntry(() => city.send('POST', `/api/devices/${kiosk.id}/revoke`, 'admin'));
    expect(revoked).toMatchObject({
      action: 'device.revoke',
      targetId: kiosk.id,
      hubId: kiosk.hubId,
      before: { revoked: false },
      after: { revoked: true },
    });
  });

  it('people and cards: create, edit, card issue and revoke, export, erase; no personal values in the log', async () => {
    const person = {
      firstName: 'Ermenegilda',
      lastName: 'Quaglierini',
      email: 'ermenegilda@example.org',
      birthYear: 1961,
      consent: true,
    };
    const created = await onlyEntry(() =>
      city.send('POST', '/api/dashboard/people', 'hub_lead', {
        hubId: city.ownHub,
        card: { alias: 'Gilda', language: 'it' },
        person,
      }),
    );
    expect(created).toMatchObject({
      action: 'person.create',
      actorLabel: email.hub_lead,
      targetType: 'person',
      hubId: city.ownHub,
      after: { personalData: true, fields: ['firstName', 'lastName', 'email', 'birthYear'] },
    });
    const visitorId = created.targetId;
    const edited = await onlyEntry(() =>
      city.send('PUT', `/api/dashboard/people/${visitorId}`, 'hub_lead', {
        ...person,
        email: null,
        phone: '+39 0381 123456',
      }),
    );
    expect(edited).toMatchObject({
      action: 'person.update',
      targetId: visitorId,
      after: { changedFields: ['email', 'phone'] },
    });
    const issued = await onlyEntry(() =>
      city.send('POST', `/api/dashboard/people/${visitorId}/cards`, 'admin', {
        alias: 'Gilda2',
        language: 'en',
      }),
    );
    expect(issued).toMatchObject({
      action: 'card.issue',
      targetType: 'card',
      after: { visitorId, language: 'en' },
    });
    const cardId = issued.targetId;
    const revoked = await onlyEntry(() =>
      city.send('POST', `/api/dashboard/people/${visitorId}/cards/${cardId}/revoke`, 'admin', {
        reason: 'lost',
      }),
    );
    expect(revoked).toMatchObject({
      action: 'card.revoke',
      targetId: cardId,
      before: { revoked: false },
      after: { revoked: true, reason: 'lost' },
    });
    await noEntry(() =>
      city.send('POST', `/api/dashboard/people/${visitorId}/cards/${cardId}/revoke`, 'admin', {
        reason: 'lost',
      }),
    );
    const exported = await onlyEntry(() => city.get(`/api/dashboard/people/${visitorId}/export`, 'admin'));
    expect(exported).toMatchObject({ action: 'person.export', targetId: visitorId });
    const erased = await onlyEntry(() => city.send('DELETE', `/api/dashboard/people/${visitorId}`, 'admin'));
    expect(erased).toMatchObject({
      action: 'person.erase',
      before: { personalData: true },
      after: { personalData: false, cardsErased: 2 },
    });
    const log = JSON.stringify(await allEntries());
    for (const value of ['Ermenegilda', 'Quaglierini', 'ermenegilda@example.org', '1961', '0381', 'Gilda'])
      expect(log).not.toContain(value);
  });

  it('API tokens: create (no secret in the log) and revoke (once)', async () => {
    let secret = '';
    const created = await onlyEntry(async () => {
      const res = await city.send('POST', '/api/admin/api-tokens', 'admin', {
        name: 'Open data',
        role: 'viewer',
      });
      secret = res.body.secret;
      return res;
    });
    expect(created).toMatchObject({
      action: 'api_token.create',
      targetType: 'api_token',
      after: { name: 'Open data', role: 'viewer' },
    });
    expect(JSON.stringify(created)).not.toContain(secret);
    const revoked = await onlyEntry(() =>
      city.send('DELETE', `/api/admin/api-tokens/${created.targetId}`, 'admin'),
    );
    expect(revoked).toMatchObject({ action: 'api_token.revoke', before: { revokedAt: null } });
    await noEntry(() => city.send('DELETE', `/api/admin/api-tokens/${created.targetId}`, 'admin'));
  });

  it('filters by actor, action, target type, hub and days, and pages newest first without overlap', async () => {
    const all = await allEntries();
    expect(all.length).toBeGreaterThan(10);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort().reverse());
    const query = async (q: string) => {
      const res = await city.get(`/api/admin/audit?limit=500&${q}`, 'admin');
      expect(res.status).toBe(200);
      return res.body.entries as Entry[];
    };
    const byAction = await query('action=content.create');
    expect(byAction.length).toBe(all.filter((e) => e.action === 'content.create').length);
    expect(byAction.length).toBeGreaterThan(0);
    expect(byAction.every((e) => e.action === 'content.create')).toBe(true);
    const byActor = await query(`actor=${userId.hub_lead}`);
    expect(byActor.map((e) => e.id)).toEqual(
      all.filter((e) => e.actorId === userId.hub_lead).map((e) => e.id),
    );
    expect(byActor.length).toBeGreaterThan(0);
    const byType = await query('targetType=card');
    expect(byType.map((e) => e.action).sort()).toEqual(['card.issue', 'card.revoke']);
    const byHub = await query(`hub=${city.otherHub}`);
    expect(byHub.length).toBeGreaterThan(0);
    expect(byHub.every((e) => e.hubId === city.otherHub)).toBe(true);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(Date.now());
    expect((await query(`from=${today}&to=${today}`)).length).toBe(all.length);
    expect(await query('from=2020-01-01&to=2020-12-31')).toEqual([]);
    // pages of 3 walk the whole log, each once, in the same order
    const walked: string[] = [];
    let cursor = '';
    do {
      const page = await city.get(`/api/admin/audit?limit=3${cursor ? `&before=${cursor}` : ''}`, 'admin');
      expect(page.body.entries.length).toBeLessThanOrEqual(3);
      walked.push(...page.body.entries.map((e: Entry) => e.id));
      cursor = page.body.nextCursor ?? '';
    } while (cursor);
    expect(walked).toEqual(all.map((e) => e.id));
    const options = (await city.get('/api/admin/audit?limit=1', 'admin')).body.options;
    expect(options.actions).toContain('person.erase');
    expect(options.actors.map((a: { label: string }) => a.label)).toContain(email.hub_lead);
  });

  it('refuses a backwards range or a bad filter, and every role but the admin', async () => {
    const backwards = await city.get('/api/admin/audit?from=2026-02-01&to=2026-01-01', 'admin');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe('la data di inizio deve venire prima della data di fine');
    expect((await city.get('/api/admin/audit?limit=0', 'admin')).status).toBe(400);
    expect((await city.get('/api/admin/audit?action=DROP%20TABLE', 'admin')).status).toBe(400);
    for (const role of ['coordinator', 'hub_lead', 'viewer'] as Role[])
      expect((await city.get('/api/admin/audit', role)).status).toBe(403);
  });
});
