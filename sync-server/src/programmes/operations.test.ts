import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCity, startDemoCity } from '../dashboard/test-support';
import { testStoreKinds } from '../store/test-stores';

describe.each(testStoreKinds())('funded operations on %s', (kind) => {
  let city: DemoCity;
  beforeAll(async () => {
    city = await startDemoCity(kind);
  });
  afterAll(() => city.t.stop());

  const input = (over: Record<string, unknown> = {}) => ({
    code: 'FSE-VIG-2027-01',
    name: 'Competenze digitali di base',
    startsOn: '2027-01-01',
    endsOn: '2027-06-30',
    hubIds: [city.ownHub],
    targetGroup: 'young_neet',
    plannedHours: 40.5,
    ...over,
  });
  const count = async () =>
    Number(
      (
        await city.t.server.store.db
          .selectFrom('operations')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );
  const audits = (action: string) =>
    city.t.server.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it('creates, lists, changes and deletes an operation, each write in the audit log', async () => {
    const created = await city.send('POST', '/api/admin/operations', 'coordinator', input());
    expect(created.status).toBe(200);
    const op = created.body.operation;
    expect(op).toMatchObject({
      code: 'FSE-VIG-2027-01',
      plannedHours: 40.5,
      hubIds: [city.ownHub],
      sessions: 0,
    });
    const row = await city.t.server.store.db
      .selectFrom('operations')
      .selectAll()
      .where('id', '=', op.id)
      .executeTakeFirst();
    expect(Number(row?.planned_minutes)).toBe(2430);

    // the hub lead of that hub reads it; they may not write
    const lead = await city.get('/api/dashboard/operations', 'hub_lead');
    expect(lead.body.operations.map((o: { id: string }) => o.id)).toContain(op.id);
    expect((await city.send('POST', '/api/admin/operations', 'hub_lead', input({ code: 'X' }))).status).toBe(
      403,
    );

    const changed = await city.send(
      'PUT',
      `/api/admin/operations/${op.id}`,
      'admin',
      input({ name: 'Digitale 2027', hubIds: [city.ownHub, city.otherHub] }),
    );
    expect(changed.status).toBe(200);
    expect(changed.body.operation.hubIds).toEqual([city.ownHub, city.otherHub].sort());
    const [update] = await audits('operation.update');
    expect(JSON.parse(update?.before_json ?? '{}').name).toBe('Competenze digitali di base');
    expect(JSON.parse(update?.after_json ?? '{}').name).toBe('Digitale 2027');

    expect((await city.send('DELETE', `/api/admin/operations/${op.id}`, 'coordinator')).status).toBe(200);
    expect(await count()).toBe(0);
    expect((await audits('operation.create')).length).toBe(1);
    expect((await audits('operation.delete')).length).toBe(1);
  });

  it('refuses bad input with a message by the field, writing nothing', async () => {
    const first = await city.send('POST', '/api/admin/operations', 'coordinator', input({ code: 'FSE-DUP' }));
    expect(first.status).toBe(200);
    const before = await count();
    const auditsBefore = (await audits('operation.create')).length;
    const refusal = async (body: unknown, status: number, path: string) => {
      const res = await city.send('POST', '/api/admin/operations', 'coordinator', body);
      expect(res.status).toBe(status);
      expect(res.body.error.details[0].path).toBe(path);
      return res.body.error.message as string;
    };
    expect(await refusal(input({ code: 'FSE-DUP' }), 409, '/code')).toMatch(/esiste già/);
    expect(
      await refusal(input({ code: 'FSE-NEW', startsOn: '2027-06-01', endsOn: '2027-05-31' }), 400, '/endsOn'),
    ).toMatch(/prima di quella di inizio/);
    expect(
      await refusal(input({ code: 'FSE-NEW', hubIds: ['01J00000000000000000000000'] }), 400, '/hubIds/0'),
    ).toMatch(/non esiste/);
    await refusal(input({ code: 'FSE-NEW', targetGroup: 'martians' }), 400, '/targetGroup');
    expect(await count()).toBe(before);
    expect((await audits('operation.create')).length).toBe(auditsBefore);
    // renaming another operation to a taken code is refused too
    const other = await city.send(
      'POST',
      '/api/admin/operations',
      'coordinator',
      input({ code: 'FSE-OTHER' }),
    );
    const clash = await city.send(
      'PUT',
      `/api/admin/operations/${other.body.operation.id}`,
      'coordinator',
      input({ code: 'FSE-DUP' }),
    );
    expect(clash.status).toBe(409);
  });
});
