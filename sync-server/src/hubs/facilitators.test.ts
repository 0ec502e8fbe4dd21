import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Hub, syncPath, verifyFacilitatorPin } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCity, startDemoCity } from '../dashboard/test-support';
import { testStoreKinds } from '../store/test-stores';
import { call } from '../testing/test-server';

describe.each(testStoreKinds())('facilitators and their PINs on %s', (kind) => {
  let city: DemoCity;
  beforeAll(async () => {
    city = await startDemoCity(kind);
  });
  afterAll(() => city.t.stop());

  const kioskToken = (hubId: string) => {
    const dir = join(city.t.dataDir, 'kiosks');
    for (const d of readdirSync(dir)) {
      const identity = JSON.parse(readFileSync(join(dir, d, 'identity.json'), 'utf8'));
      if (identity.hubId === hubId) return identity.token as string;
    }
    throw new Error('no kiosk');
  };
  /** the hub document as that hub's kiosk replicates it */
  const kioskHub = async (hubId: string) => {
    const answer = await call(`${city.t.url}${syncPath('hubs', 'pull')}?limit=100`, {
      bearer: kioskToken(hubId),
    });
    return (answer.body.documents as Hub[]).find((d) => d.id === hubId) as Hub;
  };
  const rows = async () =>
    city.t.server.store.db.selectFrom('facilitators').select(['id', 'pin_hash']).execute();

  it('creates a facilitator whose hub kiosk receives only the scrypt hash, and rotates the PIN', async () => {
    const created = await city.send('POST', '/api/dashboard/facilitators', 'hub_lead', {
      name: 'Giulia Verdi',
      hubIds: [city.ownHub],
      pin: '274918',
    });
    expect(created.status).toBe(200);
    const id = created.body.facilitator.id as string;
    expect(created.body.facilitator).toMatchObject({
      name: 'Giulia Verdi',
      hubIds: [city.ownHub],
      editable: true,
    });
    const onKiosk = (await kioskHub(city.ownHub)).facilitators.find((f) => f.id === id);
    expect(onKiosk?.name).toBe('Giulia Verdi');
    expect(JSON.stringify(onKiosk)).not.toContain('274918');
    expect(verifyFacilitatorPin('274918', onKiosk?.pin as NonNullable<typeof onKiosk>['pin'] & object)).toBe(
      true,
    );

    const rotated = await city.send('POST', `/api/dashboard/facilitators/${id}/pin`, 'coordinator', {
      pin: '583021',
    });
    expect(rotated.status).toBe(200);
    const after = (await kioskHub(city.ownHub)).facilitators.find((f) => f.id === id);
    expect(verifyFacilitatorPin('583021', after?.pin as NonNullable<typeof after>['pin'] & object)).toBe(
      true,
    );
    expect(verifyFacilitatorPin('274918', after?.pin as NonNullable<typeof after>['pin'] & object)).toBe(
      false,
    );
    const entries = await city.t.server.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['facilitator.create', 'facilitator.pin_set']);
    for (const e of entries) expect(`${e.before_json}${e.after_json}`).not.toMatch(/274918|583021/);
  });

  it('refuses short, common, sequential and repeated PINs, and a PIN another facilitator of the hub has, writing nothing', async () => {
    const before = await rows();
    for (const [pin, words] of [
      ['12345', '6-10 cifre'],
      ['123456', 'comune'],
      ['000000', 'comune'],
      ['112233', 'comune'],
      ['345678', 'sequenza'],
      ['777777', 'ripetute'],
      ['121212', 'comune'],
      ['454545', 'ripetute'],
    ] as const) {
      const answer = await city.send('POST', '/api/dashboard/facilitators', 'coordinator', {
        name: 'Prova',
        hubIds: [city.ownHub],
        pin,
      });
      expect(answer.status, pin).toBe(400);
      expect(answer.body.error.message).toContain(words);
      expect(answer.body.error.details).toEqual([
        { path: '/pin', code: 'weak_pin', message: answer.body.error.message },
      ]);
    }
    await city.send('POST', '/api/dashboard/facilitators', 'coordinator', {
      name: 'Primo',
      hubIds: [city.otherHub],
      pin: '806142',
    });
    const taken = await city.send('POST', '/api/dashboard/facilitators', 'coordinator', {
      name: 'Secondo',
      hubIds: [city.otherHub],
      pin: '806142',
    });
    expect(taken.body.error.message).toContain('già usato');
    expect((await rows()).length).toBe(before.length + 1);
  });

  it('lets a hub lead manage the facilitators of their own hub only, and a viewer none', async () => {
    const other = await city.send('POST', '/api/dashboard/facilitators', 'hub_lead', {
      name: 'Fuori Sede',
      hubIds: [city.otherHub],
      pin: '390571',
    });
    expect(other.status).toBe(403);
    const both = await city.send('POST', '/api/dashboard/facilitators', 'hub_lead', {
      name: 'Due Sedi',
      hubIds: [city.ownHub, city.otherHub],
      pin: '390571',
    });
    expect(both.status).toBe(403);
    expect(both.body.error.details[0]).toMatchObject({ path: '/hubIds', code: 'not_managed' });
    const theirs = (
      await city.send('POST', '/api/dashboard/facilitators', 'coordinator', {
        name: 'Di Altri',
        hubIds: [city.otherHub],
        pin: '918273',
      })
    ).body.facilitator.id as string;
    expect(
      (await city.send('POST', `/api/dashboard/facilitators/${theirs}/pin`, 'hub_lead', { pin: '620394' }))
        .status,
    ).toBe(403);
    expect(
      (
        await city.send('PUT', `/api/dashboard/facilitators/${theirs}`, 'hub_lead', {
          name: 'Preso',
          hubIds: [city.ownHub],
        })
      ).status,
    ).toBe(403);
    const listed = (await city.get('/api/dashboard/facilitators', 'hub_lead')).body;
    expect(listed.facilitators.some((f: { id: string }) => f.id === theirs)).toBe(false);
    expect(listed.hubs.map((h: { id: string }) => h.id)).toEqual([city.ownHub]);
    expect((await city.get('/api/dashboard/facilitators', 'viewer')).status).toBe(403);
  });

  it("moves a facilitator between hubs (the old hub's kiosk loses the PIN) and grants their card facilitator mode", async () => {
    const id = (
      await city.send('POST', '/api/dashboard/facilitators', 'coordinator', {
        name: 'Marta Gallo',
        hubIds: [city.ownHub],
        pin: '731905',
      })
    ).body.facilitator.id as string;
    const moved = await city.send('PUT', `/api/dashboard/facilitators/${id}`, 'coordinator', {
      name: 'Marta Gallo',
      hubIds: [city.otherHub],
    });
    expect(moved.status).toBe(200);
    expect((await kioskHub(city.ownHub)).facilitators.some((f) => f.id === id)).toBe(false);
    expect((await kioskHub(city.otherHub)).facilitators.some((f) => f.id === id)).toBe(true);

    const card = await city.t.server.store.db
      .selectFrom('documents')
      .select(['id', 'body'])
      .where('collection', '=', 'cards')
      .where('body', 'not like', '%facilitator%')
      .limit(1)
      .executeTakeFirstOrThrow();
    const granted = await city.send('POST', `/api/dashboard/facilitators/${id}/card`, 'coordinator', {
      cardId: card.id,
    });
    expect(granted.status).toBe(200);
    expect(granted.body.facilitator.cardId).toBe(card.id);
    const stored = await city.t.server.store.db
      .selectFrom('documents')
      .select('body')
      .where('collection', '=', 'cards')
      .where('id', '=', card.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.body)).toMatchObject({ role: 'facilitator', facilitatorHubs: [city.otherHub] });
  });
});
