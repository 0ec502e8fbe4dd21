import type { ScanGuidance } from './scan-guidance';

/**
 * Keeps the scan guidance from flickering: a hint shows only once the same one was suggested for
 * `confirmFrames` analysed frames in a row, stays at least `holdMs` once shown (a visitor needs time to read it),
 * and goes `holdMs` after it was last suggested. A text read clears it at once (`clear`).
 */
export class GuidanceThrottle {
  private shown: ScanGuidance | null = null;
  private lastSuggested = 0;
  private candidate: ScanGuidance | null = null;
  private count = 0;

  /** `holdMs` in the clock of `update`'s `now` (performance.now(): ms). */
  constructor(
    private readonly confirmFrames = 2,
    private readonly holdMs = 1500,
  ) {
    if (!(confirmFrames >= 1) || !(holdMs >= 0)) throw new RangeError('confirmFrames ≥ 1 and holdMs ≥ 0');
  }

  /** One analysed frame's suggestion (null: none); answers the guidance to show now. */
  update(suggestion: ScanGuidance | null, now: number): ScanGuidance | null {
    if (suggestion === this.candidate) this.count += 1;
    else {
      this.candidate = suggestion;
      this.count = 1;
    }
    // The hint on screen goes once it was not suggested for holdMs (so it stayed at least that long); only then
    // may another take its place.
    if (this.shown !== null && suggestion !== this.shown && now - this.lastSuggested >= this.holdMs)
      this.shown = null;
    if (suggestion === null) return this.shown;
    if (suggestion === this.shown) this.lastSuggested = now;
    else if (this.shown === null && this.count >= this.confirmFrames) {
      this.shown = suggestion;
      this.lastSuggested = now;
    }
    return this.shown;
  }

  /** A code was read: no guidance, and the next one starts afresh. */
  clear(): void {
    this.shown = null;
    this.candidate = null;
    this.count = 0;
  }
}
