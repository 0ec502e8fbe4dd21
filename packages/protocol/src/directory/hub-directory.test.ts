import { describe, expect, it } from 'vitest';
import type { Hub } from '../collections/hubs';
import type { Session } from '../collections/sessions';
import { buildHubDirectory, type EnteredRoute } from './hub-directory';
import { estimateTravel } from './travel-time';

const CENTRO = '01HZZZZZZZZZZZZZZZZZZZZZC0';
const TICINO = '01HZZZZZZZZZZZZZZZZZZZZZT0';
const OLD = '01HZZZZZZZZZZZZZZZZZZZZZA0';

function hub(
  id: string,
  name: string,
  position: { lat: number; lon: number },
  extra: Partial<Hub> = {},
): Hub {
  return {
    id,
    name,
    address: `Via ${name} 1`,
    area: name,
    targetGroups: [],
    focus: { assistance: '', promotion: '' },
    // Tuesday (2) 09:00–13:00 and 14:00–18:00, written out of order on purpose
    openingHours: [
      { day: 2, open: '14:00', close: '18:00' },
      { day: 2, open: '09:00', close: '13:00' },
      { day: 3, open: '09:00', close: '12:00' },
    ],
    closures: [],
    position,
    usesCheckout: false,
    repeatScanWindowMs: 0,
    facilitators: [{ id: OLD, name: 'Anna Rossi' }],
    archived: false,
    timezone: 'Europe/Rome',
    updatedAt: 0,
    ...extra,
  };
}

function session(
  id: string,
  hubId: string,
  startsAt: number,
  capacity: number,
  extra: Partial<Session> = {},
): Session {
  return {
    id,
    hubId,
    kind: 'lesson',
    activity: 'Italiano',
    title: `Corso ${id}`,
    targetGroup: 'young_neet',
    startsAt,
    endsAt: startsAt + 3_600_000,
    capacity,
    facilitator: 'Anna Rossi',
    status: 'planned',
    notes: 'private note',
    updatedAt: 0,
    ...extra,
  };
}

// Tuesday 8 December 2026, 10:00 in Rome (09:00 UTC).
const NOW = Date.UTC(2026, 11, 8, 9, 0);
const HOUR = 3_600_000;
const centro = hub(CENTRO, 'Centro', { lat: 45.3176, lon: 8.8586 });
const ticino = hub(TICINO, 'Ticino', { lat: 45.2958, lon: 8.884 });

describe('buildHubDirectory', () => {
  it("lists each hub's public facts for today: hours in order, sessions with free places, nothing private", () => {
    const sessions = [
      session('01HZZZZZZZZZZZZZZZZZZZZZS2', CENTRO, NOW + 2 * HOUR, 0),
      session('01HZZZZZZZZZZZZZZZZZZZZZS1', CENTRO, NOW, 12),
      session('01HZZZZZZZZZZZZZZZZZZZZZS3', CENTRO, NOW + HOUR, 5, { status: 'cancelled' }),
      session('01HZZZZZZZZZZZZZZZZZZZZZS4', CENTRO, NOW + 24 * HOUR, 5), // tomorrow
      session('01HZZZZZZZZZZZZZZZZZZZZZS5', TICINO, NOW, 3),
    ];
    const enrolled = new Map([
      ['01HZZZZZZZZZZZZZZZZZZZZZS1', 9],
      ['01HZZZZZZZZZZZZZZZZZZZZZS5', 7], // over-booked: 0 free, never negative
    ]);
    const [c, t] = buildHubDirectory({ hubs: [centro, ticino], sessions, enrolled, routes: [], now: NOW });
    expect(c?.day).toBe('2026-12-08');
    expect(c?.openToday).toEqual([
      { open: '09:00', close: '13:00' },
      { open: '14:00', close: '18:00' },
    ]);
    expect(c?.sessionsToday.map((s) => [s.title, s.freePlaces])).toEqual([
      ['Corso 01HZZZZZZZZZZZZZZZZZZZZZS1', 3],
      ['Corso 01HZZZZZZZZZZZZZZZZZZZZZS2', null],
    ]);
    expect(t?.sessionsToday.map((s) => s.freePlaces)).toEqual([0]);
    const text = JSON.stringify([c, t]);
    expect(text).not.toContain('Anna Rossi');
    expect(text).not.toContain('private note');
  });

  it('estimates the ways between hubs from their positions, marked approximate, both directions alike', () => {
    const [c, t] = buildHubDirectory({
      hubs: [centro, ticino],
      sessions: [],
      enrolled: new Map(),
      routes: [],
      now: NOW,
    });
    const estimate = estimateTravel(centro.position, ticino.position);
    expect(c?.routes).toEqual([
      {
        toHubId: TICINO,
        walkingMinutes: estimate.walkingMinutes,
        cyclingMinutes: estimate.cyclingMinutes,
        approximate: true,
        transitNotes: '',
      },
    ]);
    expect(t?.routes[0]?.walkingMinutes).toBe(c?.routes[0]?.walkingMinutes);
    expect(estimate.walkingMinutes).toBeGreaterThan(estimate.cyclingMinutes);
  });

  it("uses a coordinator's route both ways, exact only when both times were entered", () => {
    const routes: EnteredRoute[] = [
      {
        fromHubId: TICINO,
        toHubId: CENTRO,
        walkingMinutes: 35,
        cyclingMinutes: 11,
        transitNotes: 'Bus 2, fermata Piazza',
      },
    ];
    const [c, t] = buildHubDirectory({
      hubs: [centro, ticino],
      sessions: [],
      enrolled: new Map(),
      routes,
      now: NOW,
    });
    for (const entry of [c, t])
      expect(entry?.routes[0]).toMatchObject({
        walkingMinutes: 35,
        cyclingMinutes: 11,
        approximate: false,
        transitNotes: 'Bus 2, fermata Piazza',
      });
    const notesOnly = buildHubDirectory({
      hubs: [centro, ticino],
      sessions: [],
      enrolled: new Map(),
      routes: [{ ...(routes[0] as EnteredRoute), walkingMinutes: null, cyclingMinutes: null }],
      now: NOW,
    });
    expect(notesOnly[0]?.routes[0]).toMatchObject({
      approximate: true,
      transitNotes: 'Bus 2, fermata Piazza',
    });
  });

  it('leaves archived hubs out and shows no hours on a closure day', () => {
    const closed = hub(TICINO, 'Ticino', ticino.position, {
      closures: [{ from: '2026-12-07', to: '2026-12-08', reason: 'Lavori' }],
    });
    const archived = hub(OLD, 'Vecchia', { lat: 45.3, lon: 8.87 }, { archived: true });
    const entries = buildHubDirectory({
      hubs: [centro, closed, archived],
      sessions: [],
      enrolled: new Map(),
      routes: [],
      now: NOW,
    });
    expect(entries.map((e) => e.name)).toEqual(['Centro', 'Ticino']);
    expect(entries[1]?.openToday).toEqual([]);
    expect(entries[0]?.routes.map((r) => r.toHubId)).toEqual([TICINO]);
  });
});
