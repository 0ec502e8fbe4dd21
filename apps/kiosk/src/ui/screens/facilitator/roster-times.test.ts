import { describe, expect, it } from 'vitest';
import { formatMinutes, rosterTimeLines } from './roster-times';

// Monday 7 December 2026, a session 09:00–11:00 in Rome (08:00–10:00 UTC).
const NINE = Date.UTC(2026, 11, 7, 8, 0);
const MINUTE = 60_000;
const SESSION = { startsAt: NINE, endsAt: NINE + 120 * MINUTE };
const ROME = 'Europe/Rome';

describe("a roster row's times, as the facilitator reads them", () => {
  it('writes a late entry and an early exit with their minutes, and the time attended', () => {
    const lines = rosterTimeLines(
      {
        events: [
          { id: 'a', direction: 'in', at: NINE + 12 * MINUTE },
          { id: 'b', direction: 'out', at: NINE + 100 * MINUTE },
        ],
        attended: {
          minutes: 88,
          inAt: NINE + 12 * MINUTE,
          outAt: NINE + 100 * MINUTE,
          late: true,
          leftEarly: true,
        },
      },
      SESSION,
      ROME,
    );
    expect(lines).toEqual([
      { text: 'entrata 09:12 (in ritardo di 12 min)' },
      { text: 'uscita 10:40 (in anticipo di 20 min)' },
      { text: 'presenza: 1 h 28 min' },
    ]);
  });

  it('says nothing of lateness within the grace period, and shows an annulled entry with who and why', () => {
    const lines = rosterTimeLines(
      {
        events: [
          {
            id: 'a',
            direction: 'in',
            at: NINE - 5 * MINUTE,
            annulled: { by: 'Giulia', reason: 'tessera del fratello', at: NINE },
          },
          { id: 'b', direction: 'in', at: NINE + 5 * MINUTE },
        ],
        attended: { minutes: 115, inAt: NINE + 5 * MINUTE, outAt: null, late: false, leftEarly: false },
      },
      SESSION,
      ROME,
    );
    expect(lines).toEqual([
      { text: 'entrata 08:55', annulled: 'annullato da Giulia: tessera del fratello' },
      { text: 'entrata 09:05' },
      { text: 'presenza: 1 h 55 min' },
    ]);
  });

  it('writes hours and minutes the way the register does', () => {
    expect([formatMinutes(0), formatMinutes(45), formatMinutes(120), formatMinutes(108)]).toEqual([
      '0 min',
      '45 min',
      '2 h',
      '1 h 48 min',
    ]);
  });
});
