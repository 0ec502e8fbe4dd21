/**
 * Tells a USB barcode scanner from a person at the keyboard. A scanner in keyboard-wedge mode "types" the whole
 * code as one burst of keystrokes a few milliseconds apart, usually followed by Enter; even a fast typist leaves
 * 80 ms or more between most keys. So: characters that arrive close together form a burst; a burst that is long
 * enough, fast enough on average, and ends with a terminator (or a pause, for scanners set up with no suffix)
 * is a scan. Anything else is typing, and is left alone.
 */
export interface KeyboardWedgeOptions {
  /** a gap longer than this ends a burst: the next character starts a new one (default 80 ms) */
  maxGapMs?: number;
  /** mean gap between a scan's characters must be at most this (default 35 ms) */
  maxMeanGapMs?: number;
  /** shortest text accepted as a scan (default 8; a card token is well over 100) */
  minLength?: number;
  /** keys that end a scan (KeyboardEvent.key values; default Enter and Tab) */
  terminators?: readonly string[];
}

export type WedgeOutcome = { kind: 'scan'; text: string } | { kind: 'none' };

const NONE: WedgeOutcome = { kind: 'none' };

export class KeyboardWedge {
  private readonly maxGapMs: number;
  private readonly maxMeanGapMs: number;
  private readonly minLength: number;
  private readonly terminators: ReadonlySet<string>;
  private chars: string[] = [];
  private firstAt = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: KeyboardWedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 80;
    this.maxMeanGapMs = options.maxMeanGapMs ?? 35;
    this.minLength = options.minLength ?? 8;
    this.terminators = new Set(options.terminators ?? ['Enter', 'Tab']);
    if (!(this.maxMeanGapMs > 0 && this.maxGapMs >= this.maxMeanGapMs))
      throw new RangeError('need 0 < maxMeanGapMs <= maxGapMs');
    if (!(this.minLength >= 2)) throw new RangeError('minLength must be at least 2');
  }

  /**
   * Feeds one keydown (`KeyboardEvent.key`, `event.timeStamp`). Answers a scan when this key completes one.
   * Modifier and navigation keys (Shift, Alt, ArrowLeft…) are not characters: they neither count nor break a burst.
   */
  key(key: string, at: number): WedgeOutcome {
    if (this.terminators.has(key)) {
      const outcome = this.qualifies(at) ? this.take() : NONE;
      this.clear();
      return outcome;
    }
    if ([...key].length !== 1) return NONE;
    if (at - this.lastAt > this.maxGapMs) {
      this.chars = [];
      this.firstAt = at;
    }
    this.chars.push(key);
    this.lastAt = at;
    return NONE;
  }

  /**
   * For scanners configured without a terminator: call from a timer. A qualifying burst followed by a pause
   * longer than maxGapMs is a scan.
   */
  idle(now: number): WedgeOutcome {
    if (now - this.lastAt <= this.maxGapMs) return NONE;
    const outcome = this.qualifies(this.lastAt) ? this.take() : NONE;
    this.clear();
    return outcome;
  }

  /** True while fast keystrokes are arriving (at least two): the UI can hold back echoing them. */
  inBurst(now: number): boolean {
    return this.chars.length >= 2 && now - this.lastAt <= this.maxGapMs;
  }

  private qualifies(endAt: number): boolean {
    const n = this.chars.length;
    if (n < this.minLength) return false;
    if (endAt - this.lastAt > this.maxGapMs) return false;
    const meanGap = (this.lastAt - this.firstAt) / (n - 1);
    return meanGap <= this.maxMeanGapMs;
  }

  private take(): WedgeOutcome {
    return { kind: 'scan', text: this.chars.join('') };
  }

  private clear(): void {
    this.chars = [];
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}
