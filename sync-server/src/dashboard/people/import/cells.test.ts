import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { birthYear, consent, fold } from './cells';

describe('reading cells', () => {
  const today = DateTime.fromISO('2026-12-07');

  it('reads a birth date in the ways spreadsheets write it, keeping the year', () => {
    for (const text of ['1990', '5/3/1990', '05/03/1990', '05-03-1990', '05.03.1990', '1990-03-05'])
      expect(birthYear(text, today), text).toEqual({ value: 1990 });
    expect(birthYear('29/02/2000', today)).toEqual({ value: 2000 });
    expect(birthYear('', today)).toEqual({ value: null });
  });

  it('refuses what is not a calendar date, or is in the future', () => {
    for (const text of [
      '29/02/2001',
      '31/04/1990',
      '1990-13-01',
      '00/01/1990',
      '1990/03/05',
      '3 marzo 1990',
      '90',
    ])
      expect(birthYear(text, today), text).toEqual({
        error: `${text} non è una data (scrivi gg/mm/aaaa, oppure solo l’anno)`,
      });
    expect(birthYear('08/12/2026', today)).toEqual({ error: '08/12/2026 è una data futura' });
  });

  it('takes only an explicit yes as consent', () => {
    for (const text of ['sì', 'SI', 'Si', 'x', '1', 'vero'])
      expect(consent(text), text).toEqual({ value: true });
    for (const text of ['', 'no', 'forse', '0']) expect('error' in consent(text), text).toBe(true);
  });

  it('compares words without case, accents or extra spaces', () => {
    expect(fold('  Disabilità   Motoria ')).toBe('disabilita motoria');
  });
});
