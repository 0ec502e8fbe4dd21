import { describe, expect, it } from 'vitest';
import { RelaunchBudget, RestartBackoff } from './restart-policy';

describe('hub service restart backoff', () => {
  it('restarts at once, then backs off exponentially up to 30 s', () => {
    const backoff = new RestartBackoff();
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < 8; i++) {
      backoff.started(now);
      now += 500;
      delays.push(backoff.exited(now));
      now += delays.at(-1) as number;
    }
    expect(delays).toEqual([0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('forgets past crashes once the service ran for a minute', () => {
    const backoff = new RestartBackoff();
    backoff.started(0);
    backoff.exited(100);
    backoff.started(1_100);
    expect(backoff.exited(1_200)).toBe(1_000);
    backoff.started(5_000);
    expect(backoff.exited(70_000)).toBe(0);
  });
});

describe('window relaunch budget', () => {
  it('allows five relaunches in ten minutes, then refuses until old ones age out', () => {
    const budget = new RelaunchBudget();
    for (let i = 0; i < 5; i++) expect(budget.tryRelaunch(i * 1_000)).toBe(true);
    expect(budget.tryRelaunch(6_000)).toBe(false);
    expect(budget.tryRelaunch(10 * 60_000 + 1_001)).toBe(true);
  });
});
