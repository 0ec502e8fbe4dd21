import { describe, expect, it } from 'vitest';
import { hubInputProblems, isTimeZone } from './hub-rules';
import type { HubInput } from './hubs-admin';

const valid: HubInput = {
  name: 'Hub Prova',
  address: 'Via Roma 1',
  area: 'Centro',
  targetGroups: ['everyone'],
  focus: { assistance: 'a', promotion: 'p' },
  openingHours: [
    { day: 1, open: '09:00', close: '12:00' },
    { day: 1, open: '12:00', close: '18:00' },
    { day: 2, open: '10:00', close: '13:00' },
  ],
  closures: [{ from: '2026-12-24', to: '2026-12-26', reason: 'Natale' }],
  position: { lat: 45.3, lon: 8.86 },
  timezone: 'Europe/Rome',
  usesCheckout: false,
  repeatScanWindowMs: 600_000,
};

describe('hubInputProblems', () => {
  it('accepts several touching intervals a day and a closure of several days', () => {
    expect(hubInputProblems(valid)).toEqual([]);
  });

  it('names the interval that overlaps an earlier one of the same weekday', () => {
    const hours = [...valid.openingHours, { day: 1, open: '11:00', close: '14:00' }];
    expect(hubInputProblems({ ...valid, openingHours: hours })).toEqual([
      {
        path: '/openingHours/3/open',
        code: 'interval_overlap',
        message: 'lunedì: gli orari 09:00–12:00 e 11:00–14:00 si sovrappongono',
      },
    ]);
  });

  it('refuses an inverted or empty interval, a closure ending before it starts, an unknown zone, a blank name', () => {
    const problems = hubInputProblems({
      ...valid,
      name: '  ',
      openingHours: [
        { day: 3, open: '18:00', close: '09:00' },
        { day: 4, open: '09:00', close: '09:00' },
      ],
      closures: [{ from: '2026-12-26', to: '2026-12-24', reason: '' }],
      timezone: 'Europe/Vigevano',
    });
    expect(problems.map((p) => p.path)).toEqual([
      '/name',
      '/openingHours/0/close',
      '/openingHours/1/close',
      '/closures/0/to',
      '/timezone',
    ]);
    expect(problems[1]?.message).toBe("mercoledì: la chiusura (09:00) deve essere dopo l'apertura (18:00)");
  });

  it('knows IANA zones through Intl', () => {
    expect(isTimeZone('Europe/Rome')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
