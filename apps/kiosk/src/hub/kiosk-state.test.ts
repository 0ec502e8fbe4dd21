import type { Content, DeviceSnapshot, Notice, Session } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { buildKioskState } from './kiosk-state';

const now = Date.parse('2026-11-26T09:00:00Z'); // Thursday 10:00 in Rome
const session = (id: string, startsAt: number, status: Session['status'] = 'planned'): Session => ({
  id,
  hubId: 'H',
  kind: 'lesson',
  activity: 'Italiano',
  title: `Lezione ${id}`,
  targetGroup: 'everyone',
  startsAt,
  endsAt: startsAt + 3_600_000,
  capacity: 10,
  facilitator: 'Chiara',
  status,
  notes: '',
  updatedAt: 0,
});

const snapshot: DeviceSnapshot = {
  device: { id: 'D', hubId: 'H', name: 'Ingresso' },
  hub: {
    id: 'H',
    name: 'Hub Prova',
    address: 'Via Roma 1',
    area: 'Centro',
    targetGroups: [],
    focus: { assistance: '', promotion: '' },
    openingHours: [],
    position: { lat: 0, lon: 0 },
    usesCheckout: false,
    closures: [],
    repeatScanWindowMs: 600_000,
    facilitators: [],
    archived: false,
    timezone: 'Europe/Rome',
    updatedAt: 0,
  },
  sessions: [
    session('LATE', Date.parse('2026-11-26T17:00:00Z')),
    session('EARLY', Date.parse('2026-11-26T08:00:00Z')),
    session('CANCELLED', Date.parse('2026-11-26T10:00:00Z'), 'cancelled'),
    session('TOMORROW', Date.parse('2026-11-27T08:00:00Z')),
    // 23:30 UTC on the 25th is already the 26th in Rome.
    session('MIDNIGHT', Date.parse('2026-11-25T23:30:00Z')),
  ],
  content: [],
  cards: [],
  issuers: [],
  serverTime: now,
};

describe('kiosk idle state', () => {
  it("lists today's sessions in the hub's time zone, in order, without cancelled ones", () => {
    const state = buildKioskState({
      hub: snapshot.hub,
      device: { id: 'D', name: 'Ingresso' },
      sessions: snapshot.sessions,
      content: snapshot.content,
      notices: [],
      sync: { online: true, lastSyncAt: now, waiting: 0, lastError: null, diskFull: false, tooLarge: 0 },
      now,
    });
    expect(state.sessionsToday.map((s) => s.id)).toEqual(['MIDNIGHT', 'EARLY', 'LATE']);
    expect(state.hub.name).toBe('Hub Prova');
    expect(state.sync.online).toBe(true);
  });

  it('shows the items and notices aimed at this kiosk, by its id or its tags, and not those of other kiosks', () => {
    // Only what targeting reads differs between the documents: the rest is one published, current item or notice.
    const text = { it: 'Testo' };
    const live = { from: now - 1000, to: now + 1000 };
    const item = (id: string, aim: Pick<Content, 'tags' | 'deviceIds'>): Content => ({
      id,
      kind: 'news',
      hubIds: [],
      title: text,
      body: text,
      schedule: live,
      priority: 1,
      published: true,
      updatedAt: 0,
      ...aim,
    });
    const notice = (id: string, aim: Pick<Notice, 'tags' | 'deviceIds'>): Notice => ({
      id,
      hubIds: [],
      title: text,
      text,
      startsAt: live.from,
      endsAt: live.to,
      updatedAt: 0,
      ...aim,
    });
    const state = buildKioskState({
      hub: snapshot.hub,
      device: { id: 'D', name: 'Ingresso', tags: ['totem'] },
      sessions: [],
      content: [
        item('TOTEM', { tags: ['totem'] }),
        item('BAR', { tags: ['bar'] }),
        item('ME', { deviceIds: ['D'] }),
        item('OTHER', { deviceIds: ['D2'] }),
      ],
      notices: [
        notice('N-TOTEM', { tags: ['totem'], deviceIds: [] }),
        notice('N-OTHER', { tags: [], deviceIds: ['D2'] }),
      ],
      sync: { online: true, lastSyncAt: now, waiting: 0, lastError: null, diskFull: false, tooLarge: 0 },
      now,
    });
    expect(state.content.map((c) => c.id).sort()).toEqual(['ME', 'TOTEM']);
    expect(state.notices.map((n) => n.id)).toEqual(['N-TOTEM']);
    expect(state.device).toEqual({ id: 'D', name: 'Ingresso' });
  });
});
