import { describe, expect, it } from 'vitest';
import type { Content } from '../collections/content';
import { contentForKiosk } from './content-schedule';
import { targetsKiosk } from './targeting';

const kiosk = { id: 'K1', hubId: 'H1', tags: ['totem', 'ingresso'] };

describe('targeting rule', () => {
  it('aims at every kiosk of the city when it names nothing', () => {
    expect(targetsKiosk({ hubIds: [] }, kiosk)).toBe(true);
    expect(targetsKiosk({ hubIds: [], deviceIds: [], tags: [] }, kiosk)).toBe(true);
  });

  it('aims at the kiosks of the hubs it names, and no other', () => {
    expect(targetsKiosk({ hubIds: ['H1', 'H2'] }, kiosk)).toBe(true);
    expect(targetsKiosk({ hubIds: ['H2'] }, kiosk)).toBe(false);
  });

  it('aims at a single kiosk by id, or at kiosks sharing a tag, and at nothing else', () => {
    expect(targetsKiosk({ hubIds: [], deviceIds: ['K1'] }, kiosk)).toBe(true);
    expect(targetsKiosk({ hubIds: [], deviceIds: ['K2'] }, kiosk)).toBe(false);
    expect(targetsKiosk({ hubIds: [], tags: ['ingresso'] }, kiosk)).toBe(true);
    expect(targetsKiosk({ hubIds: [], tags: ['bar'] }, kiosk)).toBe(false);
    // a kiosk matching either the ids or the tags is aimed at
    expect(targetsKiosk({ hubIds: [], deviceIds: ['K2'], tags: ['totem'] }, kiosk)).toBe(true);
    // a kiosk with no tags only by its id
    expect(targetsKiosk({ hubIds: [], tags: ['totem'] }, { id: 'K3', hubId: 'H1' })).toBe(false);
  });

  it('takes kiosks and tags within the hubs named, never outside them', () => {
    expect(targetsKiosk({ hubIds: ['H2'], deviceIds: ['K1'] }, kiosk)).toBe(false);
    expect(targetsKiosk({ hubIds: ['H2'], tags: ['totem'] }, kiosk)).toBe(false);
    expect(targetsKiosk({ hubIds: ['H1'], tags: ['totem'] }, kiosk)).toBe(true);
  });

  it('gives a kiosk only the active items aimed at it, highest priority first', () => {
    const now = Date.parse('2026-11-26T09:00:00Z');
    const item = (id: string, priority: number, over: Partial<Content>): Content => ({
      id,
      kind: 'news',
      hubIds: [],
      title: { it: id },
      body: { it: id },
      schedule: { from: now - 1000, to: now + 1000 },
      priority,
      published: true,
      updatedAt: 0,
      ...over,
    });
    const items = [
      item('A', 10, {}),
      item('B', 90, { tags: ['totem'] }),
      item('C', 50, { deviceIds: ['K2'] }),
      item('D', 50, { hubIds: ['H2'] }),
      item('E', 99, { tags: ['totem'], published: false }),
    ];
    expect(contentForKiosk(items, kiosk, 'Europe/Rome', now).map((c) => c.id)).toEqual(['B', 'A']);
    expect(contentForKiosk(items, { id: 'K2', hubId: 'H1' }, 'Europe/Rome', now).map((c) => c.id)).toEqual([
      'C',
      'A',
    ]);
  });
});
