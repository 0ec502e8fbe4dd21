import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../http/api-failure';
import { expandRecurrence, lastAllowedDay, ruleDays } from './recurrence';
import { sixMonthsAfter } from './worklist';

const rome = { timezone: 'Europe/Rome', closures: [] };
const at = (iso: string) => Date.parse(iso);

describe('recurrence of a planned series', () => {
  it('keeps 18:00 on the wall clock across the autumn change of the clocks', () => {
    // Rome leaves summer time on Sunday 25 October 2026: 18:00 is 16:00 UTC before, 17:00 UTC after.
    const { occurrences } = expandRecurrence(
      {
        rule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261103',
        startsOn: '2026-10-13',
        startTime: '18:00',
        durationMinutes: 90,
      },
      rome,
    );
    expect(occurrences.map((o) => o.date)).toEqual(['2026-10-13', '2026-10-20', '2026-10-27', '2026-11-03']);
    expect(occurrences[1]?.startsAt).toBe(at('2026-10-20T16:00:00Z'));
    expect(occurrences[2]?.startsAt).toBe(at('2026-10-27T17:00:00Z'));
    expect(occurrences[2]?.endsAt).toBe(at('2026-10-27T18:30:00Z'));
  });

  it('skips Italian public holidays and the hub closures, saying why', () => {
    const hub = { ...rome, closures: [{ from: '2026-12-22', to: '2026-12-23', reason: 'Lavori' }] };
    const preview = expandRecurrence(
      {
        rule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=5',
        startsOn: '2026-12-01',
        startTime: '10:00',
        durationMinutes: 60,
      },
      hub,
    );
    expect(preview.occurrences.map((o) => o.date)).toEqual(['2026-12-01', '2026-12-15', '2026-12-29']);
    expect(preview.skipped).toEqual([
      { date: '2026-12-08', reason: 'holiday', label: 'Immacolata Concezione' },
      { date: '2026-12-22', reason: 'closure', label: 'Lavori' },
    ]);
  });

  it('refuses a rule longer than three years, one without an end, one ending before it starts and one that is not RFC 5545', () => {
    const refusal = (rule: string) => {
      try {
        ruleDays(rule, '2026-12-01');
      } catch (e) {
        return e instanceof ApiFailure
          ? (e.details as Array<{ path: string; message: string }>)[0]
          : undefined;
      }
      return undefined;
    };
    expect(lastAllowedDay('2026-12-01')).toBe('2029-11-30');
    expect(refusal('FREQ=WEEKLY;UNTIL=20291201')?.message).toMatch(/supera 3 anni/);
    expect(refusal('FREQ=DAILY;COUNT=1097')?.message).toMatch(/supera 3 anni/);
    expect(refusal('FREQ=WEEKLY;BYDAY=TU')?.message).toMatch(/deve finire/);
    expect(refusal('FREQ=WEEKLY;UNTIL=20261130')?.message).toBe(
      'la ricorrenza finisce (2026-11-30) prima del primo giorno (2026-12-01)',
    );
    expect(refusal('FREQ=HOURLY;COUNT=3')?.message).toMatch(/frequenza/);
    expect(refusal('ogni martedì')?.path).toBe('/rule');
    expect(refusal('FREQ=WEEKLY;BYDAY=XX;COUNT=2')?.message).toMatch(/BYDAY/);
    // the last day allowed is still allowed
    expect(ruleDays('FREQ=DAILY;UNTIL=20291130', '2026-12-01').at(-1)).toBe('2029-11-30');
  });

  it('counts six months after an exit in calendar months', () => {
    expect(sixMonthsAfter('2026-01-15')).toBe('2026-07-15');
    expect(sixMonthsAfter('2026-08-31')).toBe('2027-02-28');
  });
});
