import { describe, expect, it } from 'vitest';
import type { Content } from '../collections/content';
import { contentWeek } from './content-week';

const rome = 'Europe/Rome';
// Thursday 26 November 2026, 10:00 in Rome: its week runs Monday 23 to Sunday 29.
const thursday = Date.parse('2026-11-26T09:00:00Z');
const kiosk = { id: 'K1', hubId: 'H1', tags: ['totem'] };

function item(id: string, over: Partial<Content> = {}): Content {
  return {
    id,
    kind: 'news',
    hubIds: [],
    title: { it: id },
    body: { it: id },
    schedule: { from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2027-01-01T00:00:00Z') },
    priority: 50,
    published: true,
    updatedAt: 0,
    ...over,
  };
}

const idsAt = (week: ReturnType<typeof contentWeek>, date: string, hour: number) =>
  week.days.find((d) => d.date === date)?.hours[hour]?.contentIds;

describe('a kiosk week', () => {
  it('lays out Monday to Sunday in the hub time zone, 24 hours each', () => {
    const week = contentWeek([], kiosk, rome, thursday);
    expect(week.weekStart).toBe(Date.parse('2026-11-23T00:00:00+01:00'));
    expect(week.days.map((d) => `${d.date}/${d.weekday}`)).toEqual([
      '2026-11-23/1',
      '2026-11-24/2',
      '2026-11-25/3',
      '2026-11-26/4',
      '2026-11-27/5',
      '2026-11-28/6',
      '2026-11-29/0',
    ]);
    expect(week.days.every((d) => d.hours.length === 24)).toBe(true);
  });

  it('places items by weekdays, hours and dates, highest priority first', () => {
    const week = contentWeek(
      [
        item('ALL', { priority: 10 }),
        item('WED-EVE', {
          priority: 80,
          schedule: { ...item('x').schedule, days: [3], hours: { from: '18:30', to: '20:00' } },
        }),
        item('FROM-FRI', {
          schedule: { from: Date.parse('2026-11-27T14:00:00+01:00'), to: Date.parse('2026-12-31T00:00:00Z') },
        }),
      ],
      kiosk,
      rome,
      thursday,
    );
    expect(idsAt(week, '2026-11-25', 17)).toEqual(['ALL']);
    // 18:30 starts within the 18 o'clock hour: it counts there, and not at 20
    expect(idsAt(week, '2026-11-25', 18)).toEqual(['WED-EVE', 'ALL']);
    expect(idsAt(week, '2026-11-25', 19)).toEqual(['WED-EVE', 'ALL']);
    expect(idsAt(week, '2026-11-25', 20)).toEqual(['ALL']);
    expect(idsAt(week, '2026-11-26', 18)).toEqual(['ALL']);
    expect(idsAt(week, '2026-11-27', 13)).toEqual(['ALL']);
    expect(idsAt(week, '2026-11-27', 14)).toEqual(['FROM-FRI', 'ALL']);
  });

  it('leaves out items aimed at other kiosks, other hubs, or unpublished', () => {
    const week = contentWeek(
      [
        item('MINE', { tags: ['totem'] }),
        item('OTHER-KIOSK', { deviceIds: ['K2'] }),
        item('OTHER-HUB', { hubIds: ['H2'] }),
        item('DRAFT', { published: false }),
      ],
      kiosk,
      rome,
      thursday,
    );
    expect(idsAt(week, '2026-11-23', 9)).toEqual(['MINE']);
  });

  it('has no items in the hour the spring clock change skips', () => {
    const week = contentWeek([item('ALL')], kiosk, rome, Date.parse('2026-03-29T12:00:00+02:00'));
    expect(idsAt(week, '2026-03-29', 1)).toEqual(['ALL']);
    expect(idsAt(week, '2026-03-29', 2)).toEqual([]);
    expect(idsAt(week, '2026-03-29', 3)).toEqual(['ALL']);
  });
});
