/**
 * When to restart the hub service after it died: at once the first time, then 1 s, 2 s, 4 s… up to 30 s, so a
 * service that crashes at start does not spin the CPU; a service that ran for a minute counts as healthy again.
 */
export class RestartBackoff {
  private failures = 0;
  private startedAt = 0;

  constructor(
    private readonly baseMs = 1_000,
    private readonly maxMs = 30_000,
    private readonly healthyAfterMs = 60_000,
  ) {}

  started(now: number): void {
    this.startedAt = now;
  }

  /** The delay before the next start, given that the service just exited at `now`. */
  exited(now: number): number {
    if (now - this.startedAt >= this.healthyAfterMs) this.failures = 0;
    const delay = this.failures === 0 ? 0 : Math.min(this.maxMs, this.baseMs * 2 ** (this.failures - 1));
    this.failures += 1;
    return delay;
  }
}

/**
 * How often the window may be relaunched after its renderer died or hung: at most `max` times in `windowMs`;
 * beyond that the shell shows a fault page instead of relaunching forever.
 */
export class RelaunchBudget {
  private readonly times: number[] = [];
  constructor(
    private readonly max = 5,
    private readonly windowMs = 10 * 60_000,
  ) {}

  tryRelaunch(now: number): boolean {
    while (this.times.length > 0 && now - (this.times[0] as number) > this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }
}
