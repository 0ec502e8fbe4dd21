import { ROME_2026_CLOCK_CHANGE_DAYS } from '@vigevano/testkit/clock-changes';
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

  it('reads the hours of day and the weekday on the wall clock, on the days the clocks change and around them', () => {
    const all2026 = { from: 0, to: Date.parse('2027-01-01T00:00:00Z') };
    const evening = item({ schedule: { ...all2026, hours: { from: '18:00', to: '19:00' } } });
    for (const [day, , offset] of ROME_2026_CLOCK_CHANGE_DAYS) {
      const at = (time: string) => Date.parse(`${day}T${time}:00${offset}`);
      expect(isContentActive(evening, rome, at('17:59')), `${day} 17:59`).toBe(false);
      expect(isContentActive(evening, rome, at('18:00')), `${day} 18:00`).toBe(true);
      expect(isContentActive(evening, rome, at('18:59')), `${day} 18:59`).toBe(true);
      expect(isContentActive(evening, rome, at('19:00')), `${day} 19:00`).toBe(false);
    }
    // Sundays only: the Sundays of the changes run from their local midnight to the next.
    const sundays = item({ schedule: { ...all2026, days: [0] } });
    expect(isContentActive(sundays, rome, Date.parse('2026-10-25T00:00:00+02:00'))).toBe(true);
    expect(isContentActive(sundays, rome, Date.parse('2026-10-25T23:59:00+01:00'))).toBe(true);
    expect(isContentActive(sundays, rome, Date.parse('2026-10-26T00:00:00+01:00'))).toBe(false);
    expect(isContentActive(sundays, rome, Date.parse('2026-03-28T23:59:00+01:00'))).toBe(false);
    expect(isContentActive(sundays, rome, Date.parse('2026-03-29T00:00:00+01:00'))).toBe(true);
    expect(isContentActive(sundays, rome, Date.parse('2026-03-29T23:59:00+02:00'))).toBe(true);
  });

  it("reads the hours in the hub's own zone (New York, on its change of 8 March 2026)", () => {
    const evening = item({
      schedule: { from: 0, to: Date.parse('2027-01-01T00:00:00Z'), hours: { from: '18:00', to: '19:00' } },
    });
    expect(isContentActive(evening, 'America/New_York', Date.parse('2026-03-08T18:30:00-04:00'))).toBe(true);
    expect(isContentActive(evening, 'America/New_York', Date.parse('2026-03-08T19:00:00-04:00'))).toBe(false);
    // The same instant is 23:30 in Rome: outside the hours there.
    expect(isContentActive(evening, rome, Date.parse('2026-03-08T18:30:00-04:00'))).toBe(false);
  });
});
