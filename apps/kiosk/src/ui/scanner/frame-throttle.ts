/**
 * Decides whether the camera's next frame goes to the decoder: at most one frame every `intervalMs`, and never
 * while the worker is still busy with the previous one, so frames never queue up behind a slow decode (the
 * preview stays live, the answer is always about what is in front of the camera now).
 */
export class FrameThrottle {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private inFlight = false;

  constructor(readonly intervalMs: number) {
    if (!(intervalMs >= 0)) throw new RangeError(`intervalMs must be >= 0, got ${intervalMs}`);
  }

  /** True when a frame may be sent now; the caller then calls `sent(now)`. */
  ready(now: number): boolean {
    return !this.inFlight && now - this.lastSentAt >= this.intervalMs;
  }

  sent(now: number): void {
    this.inFlight = true;
    this.lastSentAt = now;
  }

  /** The worker answered (with a text, nothing, or an error). */
  done(): void {
    this.inFlight = false;
  }

  get busy(): boolean {
    return this.inFlight;
  }
}
