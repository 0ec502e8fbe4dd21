import { type Session, syncPath } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoCity, startDemoCity } from '../dashboard/test-support';
import { testStoreKinds } from '../store/test-stores';
import { call } from '../testing/test-server';
import { kioskToken, operationAtOwnHub } from './test-support';

describe.each(testStoreKinds())('planning sessions from the dashboard on %s', (kind) => {
  let city: DemoCity;
  let operationId: string;
  beforeAll(async () => {
    city = await startDemoCity(kind);
    operationId = await operationAtOwnHub(city, {
      code: 'FSE-PLAN-1',
      name: 'Corso serale',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      targetGroup: 'everyone',
    });
  });
  afterAll(() => city.t.stop());

  /** the sessions of a series as the hub's kiosk replicates them */
  const onKiosk = async (seriesId: string) => {
    const all: Session[] = [];
    let cursor = '';
    for (;;) {
      const res = await call(`${city.t.url}${syncPath('sessions', 'pull')}?limit=500${cursor}`, {
        bearer: kioskToken(city, city.ownHub),
      });
      all.push(...(res.body.documents as Session[]));
      if (res.body.documents.length < 500) break;
      const cp = res.body.checkpoint;
      cursor = `&id=${cp.id}&updatedAt=${cp.updatedAt}`;
    }
    return all.filter((s) => s.seriesId === seriesId).sort((a, b) => a.startsAt - b.startsAt);
  };
  const series = (over: Record<string, unknown> = {}) => ({
    hubId: city.ownHub,
    operationId,
    kind: 'lesson',
    activity: 'Informatica',
    title: 'Informatica di base',
    targetGroup: 'everyone',
    capacity: 12,
    facilitator: 'Marta Rossi',
    room: 'Aula 2',
    startTime: '18:00',
    durationMinutes: 90,
    // Mondays from 22 March 2027: 29 March is Easter Monday; the clocks change on 28 March
    startsOn: '2027-03-22',
    rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4',
    ...over,
  });
  const counts = async () => {
    const db = city.t.server.store.db;
    const docs = await db
      .selectFrom('documents')
      .select((e) => e.fn.countAll().as('n'))
      .where('collection', '=', 'sessions')
      .executeTakeFirst();
    const rows = await db
      .selectFrom('session_series')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    return [Number(docs?.n), Number(rows?.n)];
  };

  it('previews, plans a weekly series the kiosk receives, moves and cancels occurrences, re-plans the untouched', async () => {
    const preview = await city.send('POST', '/api/dashboard/planning/preview', 'hub_lead', series());
    expect(preview.status).toBe(200);
    expect(preview.body.occurrences.map((o: { date: string }) => o.date)).toEqual([
      '2027-03-22',
      '2027-04-05',
      '2027-04-12',
    ]);
    expect(preview.body.skipped).toEqual([
      { date: '2027-03-29', reason: 'holiday', label: 'Lunedì dell’Angelo' },
    ]);

    const created = await city.send('POST', '/api/dashboard/planning/series', 'hub_lead', series());
    expect(created.status).toBe(200);
    expect(created.body.sessions).toBe(3);
    const seriesId = created.body.series.id as string;
    const planned = await onKiosk(seriesId);
    expect(planned.map((s) => [s.startsAt, s.status, s.operationId, s.room])).toEqual([
      [Date.parse('2027-03-22T17:00:00Z'), 'planned', operationId, 'Aula 2'],
      [Date.parse('2027-04-05T16:00:00Z'), 'planned', operationId, 'Aula 2'],
      [Date.parse('2027-04-12T16:00:00Z'), 'planned', operationId, 'Aula 2'],
    ]);

    const [first, second, third] = planned as [Session, Session, Session];
    const moved = await city.send('PUT', `/api/dashboard/planning/sessions/${second.id}`, 'coordinator', {
      date: '2027-04-06',
      startTime: '10:00',
      durationMinutes: 60,
      room: 'Aula 1',
      facilitator: 'Marta Rossi',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.session.startsAt).toBe(Date.parse('2027-04-06T08:00:00Z'));
    expect(
      (await city.send('POST', `/api/dashboard/planning/sessions/${third.id}/cancel`, 'hub_lead')).body
        .session.status,
    ).toBe('cancelled');

    // Re-plan at 17:00 with five Mondays: the first (untouched) moves, the moved and the cancelled ones stay
    const replanned = await city.send(
      'PUT',
      `/api/dashboard/planning/series/${seriesId}`,
      'coordinator',
      series({ startTime: '17:00', rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=5' }),
    );
    expect(replanned.status).toBe(200);
    expect(replanned.body).toMatchObject({ replanned: 1, kept: 2, created: 1, cancelled: 0 });
    const after = await onKiosk(seriesId);
    const byId = new Map(after.map((s) => [s.id, s]));
    expect(byId.get(first.id)?.startsAt).toBe(Date.parse('2027-03-22T16:00:00Z'));
    expect(byId.get(second.id)?.startsAt).toBe(Date.parse('2027-04-06T08:00:00Z'));
    expect(byId.get(third.id)?.status).toBe('cancelled');
    expect(after.at(-1)?.startsAt).toBe(Date.parse('2027-04-19T15:00:00Z'));
    const actions = (await city.t.server.store.db.selectFrom('audit_log').select('action').execute()).map(
      (a) => a.action,
    );
    for (const a of ['series.create', 'session.move', 'session.cancel', 'series.update'])
      expect(actions).toContain(a);
  });

  it('merges a kiosk edit made offline with a dashboard move by the written policy (sessions merge rule)', async () => {
    const single = await city.send('POST', '/api/dashboard/planning/sessions', 'coordinator', {
      ...series(),
      date: '2027-05-10',
    });
    expect(single.status).toBe(200);
    const sessionId = single.body.session.id as string;
    const pull = await call(`${city.t.url}${syncPath('sessions', 'pull')}?limit=1000`, {
      bearer: kioskToken(city, city.ownHub),
    });
    const kioskCopy = (pull.body.documents as Array<Session & { _deleted: boolean }>).find(
      (s) => s.id === sessionId,
    );
    expect(kioskCopy).toBeDefined();
    // the dashboard moves it while the kiosk, offline, opens it and writes a note
    await city.send('PUT', `/api/dashboard/planning/sessions/${sessionId}`, 'coordinator', {
      date: '2027-05-11',
      startTime: '18:00',
      durationMinutes: 90,
      room: 'Aula 3',
      facilitator: 'Marta Rossi',
    });
    const kioskEdit = {
      ...kioskCopy,
      status: 'open',
      notes: 'portare le chiavi',
      updatedAt: (kioskCopy?.updatedAt ?? 0) + 1,
    };
    const push = await call(`${city.t.url}${syncPath('sessions', 'push')}`, {
      bearer: kioskToken(city, city.ownHub),
      body: [{ newDocumentState: kioskEdit, assumedMasterState: kioskCopy }],
    });
    expect(push.status).toBe(200);
    const stored = await city.t.server.store.db
      .selectFrom('documents')
      .select('body')
      .where('collection', '=', 'sessions')
      .where('id', '=', sessionId)
      .executeTakeFirst();
    const merged = JSON.parse(stored?.body ?? '{}') as Session;
    // the later write (the dashboard's move) wins the plan; status only moves forward; notes are kept
    expect(merged.startsAt).toBe(Date.parse('2027-05-11T16:00:00Z'));
    expect(merged.room).toBe('Aula 3');
    expect(merged.status).toBe('open');
    expect(merged.notes).toContain('portare le chiavi');
  });

  it('refuses bad input clearly and writes nothing', async () => {
    const before = await counts();
    const refusal = async (path: string, body: unknown, role: 'hub_lead' | 'coordinator' = 'coordinator') => {
      const res = await city.send('POST', path, role, body);
      return {
        status: res.status,
        path: res.body.error?.details?.[0]?.path,
        message: res.body.error?.message as string,
      };
    };
    const long = await refusal(
      '/api/dashboard/planning/series',
      series({ rule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20300401' }),
    );
    expect(long).toMatchObject({ status: 400, path: '/rule' });
    expect(long.message).toMatch(/supera 3 anni/);
    // the series ends before it starts: said by the rule, nothing planned
    const backwards = await refusal(
      '/api/dashboard/planning/series',
      series({ startsOn: '2027-05-10', rule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20270501' }),
    );
    expect(backwards).toMatchObject({ status: 400, path: '/rule' });
    expect(backwards.message).toBe('la ricorrenza finisce (2027-05-01) prima del primo giorno (2027-05-10)');
    const unknownOp = await refusal(
      '/api/dashboard/planning/series',
      series({ operationId: '01J00000000000000000000000' }),
    );
    expect(unknownOp).toMatchObject({ status: 404, path: '/operationId' });
    const outside = await refusal(
      '/api/dashboard/planning/series',
      series({ startsOn: '2027-12-20', rule: 'FREQ=WEEKLY;COUNT=3' }),
    );
    expect(outside).toMatchObject({ status: 400, path: '/operationId' });
    const otherHub = await refusal(
      '/api/dashboard/planning/sessions',
      { ...series({ hubId: city.otherHub, operationId: null }), date: '2027-05-10' },
      'hub_lead',
    );
    expect(otherHub.status).toBe(403);
    const badTime = await refusal('/api/dashboard/planning/sessions', {
      ...series(),
      date: '2027-05-10',
      startTime: '25:00',
    });
    expect(badTime.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
