import type { Checkin } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duplicateMarks } from '../reports/duplicates';
import { listDocuments, putDocuments } from '../store/documents';
import { testStoreKinds } from '../store/test-stores';
import { type DemoCity, recentRange, startDemoCity } from './test-support';

describe.each(testStoreKinds())('report APIs on %s', (kind) => {
  let city: DemoCity;
  beforeAll(async () => {
    city = await startDemoCity(kind);
  });
  afterAll(() => city.t.stop());

  it('attendance adds up: the series, the hub breakdown and the check-in documents agree', async () => {
    const { from, to } = recentRange(60);
    const res = await city.get(`/api/dashboard/attendance?from=${from}&to=${to}&granularity=day`, 'admin');
    expect(res.status).toBe(200);
    const sum = (rows: Array<{ checkins: number }>) => rows.reduce((n, r) => n + r.checkins, 0);
    const entries = (await listDocuments<Checkin>(city.t.server.store.db, 'checkins')).filter(
      (c) => c.direction === 'in',
    );
    // The same card taken again by another kiosk of the hub offline at the same time counts once (the demo's
    // history has such an outage); the rule applied to the documents says how many were left out.
    const marks = duplicateMarks(
      entries.map((c) => ({
        id: c.id,
        hub_id: c.hubId,
        device_id: c.deviceId,
        card_id: c.cardId ?? null,
        session_id: c.sessionId ?? null,
        direction: c.direction,
        at: c.deviceTime,
      })),
    );
    const duplicates = [...marks.values()].filter(Boolean).length;
    expect(duplicates).toBeGreaterThanOrEqual(3);
    expect(res.body.duplicates).toBe(duplicates);
    const counted = entries.length - duplicates;
    expect(sum(res.body.series)).toBe(counted);
    expect(sum(res.body.byHub)).toBe(counted);
    expect(sum(res.body.byActivity)).toBe(counted);
    const heat = res.body.heatmaps.flatMap((h: { cells: Array<{ checkins: number }> }) => h.cells);
    expect(sum(heat)).toBe(counted);
    for (const p of res.body.series) {
      expect(p.visitors).toBeLessThanOrEqual(p.checkins);
      expect(p.newVisitors + p.returningVisitors).toBe(p.visitors);
    }
    // Every visitor is new exactly once in the city's history.
    const visitors = new Set(entries.filter((c) => c.cardId).map((c) => c.cardId));
    const cards = await listDocuments<{ id: string; visitorId: string }>(city.t.server.store.db, 'cards');
    const visitorOf = new Map(cards.map((c) => [c.id, c.visitorId]));
    const distinct = new Set([...visitors].map((c) => visitorOf.get(c as string)));
    expect(res.body.series.reduce((n: number, p: { newVisitors: number }) => n + p.newVisitors, 0)).toBe(
      distinct.size,
    );
  });

  it('widens a range to whole weeks and months, and narrows by activity', async () => {
    const weekly = await city.get(
      '/api/dashboard/attendance?from=2026-01-07&to=2026-01-20&granularity=week',
      'coordinator',
    );
    expect(weekly.body.query).toMatchObject({ from: '2026-01-05', to: '2026-01-25', granularity: 'week' });
    expect(weekly.body.series.map((p: { period: string }) => p.period)).toEqual([
      '2026-01-05',
      '2026-01-12',
      '2026-01-19',
    ]);
    const monthly = await city.get(
      '/api/dashboard/attendance?from=2026-01-07&to=2026-03-02&granularity=month',
      'coordinator',
    );
    expect(monthly.body.series.map((p: { period: string }) => p.period)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    const { from, to } = recentRange(60);
    const all = await city.get(`/api/dashboard/attendance?from=${from}&to=${to}`, 'coordinator');
    const activity = all.body.options.activities[0] as string;
    const one = await city.get(
      `/api/dashboard/attendance?from=${from}&to=${to}&activity=${encodeURIComponent(activity)}`,
      'coordinator',
    );
    expect(one.body.byActivity.map((r: { key: string }) => r.key)).toEqual([activity]);
    expect(one.body.series.every((p: { newVisitors: null }) => p.newVisitors === null)).toBe(true);
  });

  it.each([
    ['from=2026-02-31&to=2026-03-01', 'data di inizio non valida'],
    ['from=2026-03-02&to=2026-03-01', 'la data di inizio è dopo la data di fine'],
    ['from=2010-01-01&to=2026-03-01', 'intervallo troppo lungo'],
    ['from=2026-03-01&to=2026-03-02&granularity=year', 'invalid querystring'],
    [
      'from=2026-03-01&to=2026-03-02&hub=01JD0000000000000000000000',
      "l'hub 01JD0000000000000000000000 non esiste",
    ],
    ['from=yesterday&to=2026-03-02', 'invalid querystring'],
  ])('refuses a bad query (%s) saying what is wrong', async (query, message) => {
    const res = await city.get(`/api/dashboard/attendance?${query}`, 'admin');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.message).toContain(message);
  });

  it('counts ESF+ participants by indicator, every line in a fixed order, and exports them as CSV', async () => {
    const year = new Date().getFullYear().toString();
    const res = await city.get(`/api/dashboard/esf?year=${year}`, 'viewer');
    expect(res.body.participants).toBeGreaterThan(0);
    for (const indicator of ['gender', 'age', 'employment', 'education']) {
      const lines = res.body.rows.filter((r: { indicator: string }) => r.indicator === indicator);
      // each participant has exactly one value (or "non rilevato") for these
      expect(lines.reduce((n: number, r: { participants: number }) => n + r.participants, 0)).toBe(
        res.body.participants,
      );
    }
    expect(res.body.rows.find((r: { value: string }) => r.value === 'female').participants).toBeGreaterThan(
      0,
    );
    const csv = await fetch(`${city.t.url}/api/dashboard/esf.csv?year=${year}`, {
      headers: { cookie: city.cookie.viewer },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads it as UTF-8
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('"anno";"hub";"indicatore";"valore";"partecipanti"');
    expect(lines).toHaveLength(res.body.rows.length + 1);
    expect(text).toContain(`"Genere";"donne"`);
  });

  it('shows moves between hubs and visitors of more than one hub', async () => {
    const { from, to } = recentRange(60);
    const res = await city.get(`/api/dashboard/connections?from=${from}&to=${to}`, 'coordinator');
    expect(res.body.flows.length).toBeGreaterThan(0);
    expect(res.body.multiHubAllTime).toBeGreaterThan(0);
    for (const f of res.body.flows) expect(f.fromHubId).not.toBe(f.toHubId);
    const lead = await city.get(`/api/dashboard/connections?from=${from}&to=${to}`, 'hub_lead');
    for (const f of lead.body.flows) expect([f.fromHubId, f.toHubId]).toContain(city.ownHub);
  });

  it('reports sessions per activity with attendance, and a roster with who checked in', async () => {
    const { from, to } = recentRange(40);
    const res = await city.get(`/api/dashboard/sessions?from=${from}&to=${to}`, 'admin');
    const rated = res.body.activities.filter(
      (a: { attendanceRate: number | null }) => a.attendanceRate !== null,
    );
    expect(rated.length).toBeGreaterThan(0);
    for (const a of rated) expect(a.attendanceRate).toBeCloseTo(a.present / a.enrolled, 6);
    const held = res.body.sessions.find(
      (s: { status: string; enrolled: number }) => s.status === 'closed' && s.enrolled > 0,
    );
    const roster = await city.get(`/api/dashboard/sessions/${held.id}/roster`, 'admin');
    expect(roster.body.roster).toHaveLength(held.enrolled);
    expect(roster.body.roster.filter((r: { attendance: string }) => r.attendance === 'present')).toHaveLength(
      held.present,
    );
  });

  it('streams "city now" and sends a new count when a check-in is committed', async () => {
    const controller = new AbortController();
    const res = await fetch(`${city.t.url}/api/dashboard/city-now/stream`, {
      headers: { cookie: city.cookie.coordinator },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async () => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = chunk.split('\n').find((l) => l.startsWith('data: '));
          if (data) return JSON.parse(data.slice(6));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    const first = await nextEvent();
    const hub = first.hubs.find((h: { id: string }) => h.id === city.ownHub);
    const devices = await listDocuments<{ id: string; hubId: string }>(city.t.server.store.db, 'devices');
    const device = devices.find((d) => d.hubId === city.ownHub) as { id: string };
    const now = Date.now();
    const id = `01JDZZ${String(now).padStart(20, '0')}`.slice(0, 26).replace(/[ILOU]/g, '0');
    await putDocuments(city.t.server.store.db, [
      {
        collection: 'checkins',
        hubId: city.ownHub,
        at: now,
        body: {
          id,
          hubId: city.ownHub,
          deviceId: device.id,
          guest: { ageBand: '18_29', firstVisit: true },
          direction: 'in',
          source: 'guest',
          deviceTime: now,
          hlc: `${now}-0-x`,
          updatedAt: now,
        },
      },
    ]);
    city.t.server.store.changes.announce({ collection: 'checkins', hubIds: [city.ownHub], count: 1 });
    const second = await nextEvent();
    const after = second.hubs.find((h: { id: string }) => h.id === city.ownHub);
    expect(after.checkinsToday).toBe(hub.checkinsToday + 1);
    expect(after.presentNow).toBe(hub.presentNow + 1);
    controller.abort();
  });
});
