import { describe, expect, it } from 'vitest';
import type { Content } from '../collections/content';
import { contentForHub, isContentActive } from './content-schedule';

const rome = 'Europe/Rome';
const thursday10 = Date.parse('2026-11-26T09:00:00Z'); // 10:00 in Rome

function item(overrides: Partial<Content> = {}): Content {
  return {
    id: '01JDC0NTENT000000000000001',
    kind: 'news',
    hubIds: [],
    title: { it: 'Titolo' },
    body: { it: 'Testo' },
    schedule: { from: thursday10 - 86_400_000, to: thursday10 + 86_400_000 },
    priority: 50,
    published: true,
    updatedAt: 0,
    ...overrides,
  };
}

describe('info-screen schedule', () => {
  it('shows a published item within its dates, and hides it before, after, or unpublished', () => {
    expect(isContentActive(item(), rome, thursday10)).toBe(true);
    expect(isContentActive(item({ published: false }), rome, thursday10)).toBe(false);
    expect(isContentActive(item(), rome, thursday10 + 2 * 86_400_000)).toBe(false);
    expect(isContentActive(item(), rome, thursday10 - 2 * 86_400_000)).toBe(false);
  });

  it('respects weekdays and local hours in the hub time zone', () => {
    const base = item().schedule;
    expect(isContentActive(item({ schedule: { ...base, days: [4] } }), rome, thursday10)).toBe(true);
    expect(isContentActive(item({ schedule: { ...base, days: [1, 2] } }), rome, thursday10)).toBe(false);
    expect(
      isContentActive(
        item({ schedule: { ...base, hours: { from: '09:30', to: '11:00' } } }),
        rome,
        thursday10,
      ),
    ).toBe(true);
    // 10:00 in Rome is 09:00 UTC: an item for 09:00–09:30 local is already over.
    expect(
      isContentActive(
        item({ schedule: { ...base, hours: { from: '09:00', to: '09:30' } } }),
        rome,
        thursday10,
      ),
    ).toBe(false);
  });

  it("picks the city's and this hub's items, highest priority first", () => {
    const items = [
      item({ id: 'A', priority: 10 }),
      item({ id: 'B', priority: 90, hubIds: ['H1'] }),
      item({ id: 'C', priority: 50, hubIds: ['H2'] }),
    ];
    expect(contentForHub(items, 'H1', rome, thursday10).map((c) => c.id)).toEqual(['B', 'A']);
  });
});
