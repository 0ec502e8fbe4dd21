import { describe, expect, it } from 'vitest';
import { attendedTime } from './hours';

const H = 3_600_000;
const M = 60_000;
const session = { startsAt: 10 * H, endsAt: 12 * H };

describe('attendedTime', () => {
  it('counts the whole session for a participant marked present without a check-in', () => {
    expect(attendedTime(session, 'present', [], true)).toEqual({
      minutes: 120,
      inAt: null,
      outAt: null,
      late: false,
      leftEarly: false,
    });
  });

  it('counts nothing for absent, excused and unknown without a check-in, even with a stray check-in', () => {
    expect(attendedTime(session, 'absent', [{ direction: 'in', at: 10 * H }], true).minutes).toBe(0);
    expect(attendedTime(session, 'excused', [], true).minutes).toBe(0);
    expect(attendedTime(session, 'unknown', [], true).minutes).toBe(0);
  });

  it('cuts by a late check-in and an early check-out, and says so', () => {
    const t = attendedTime(
      session,
      'present',
      [
        { direction: 'out', at: 11 * H + 30 * M },
        { direction: 'in', at: 10 * H + 25 * M },
      ],
      true,
    );
    expect(t).toEqual({
      minutes: 65,
      inAt: 10 * H + 25 * M,
      outAt: 11 * H + 30 * M,
      late: true,
      leftEarly: true,
    });
  });

  it('clamps early arrival and late exit to the session, within the grace period on time', () => {
    const t = attendedTime(
      session,
      'unknown',
      [
        { direction: 'in', at: 9 * H },
        { direction: 'in', at: 10 * H + 5 * M },
        { direction: 'out', at: 13 * H },
      ],
      true,
    );
    expect(t).toMatchObject({ minutes: 120, late: false, leftEarly: false });
  });

  it('ignores check-outs where the hub does not use them, and one from before the check-in', () => {
    expect(attendedTime(session, 'present', [{ direction: 'out', at: 11 * H }], false).minutes).toBe(120);
    const t = attendedTime(
      session,
      'present',
      [
        { direction: 'out', at: 9 * H },
        { direction: 'in', at: 10 * H },
      ],
      true,
    );
    expect(t).toMatchObject({ minutes: 120, outAt: null });
  });
});
