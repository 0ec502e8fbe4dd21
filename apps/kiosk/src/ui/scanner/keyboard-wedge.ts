import { parseCardToken } from '@vigevano/protocol';
import { usLayoutCharacter } from './keyboard-wedge-us-layout';

/**
 * Tells a USB barcode scanner from a person at the keyboard. A scanner in keyboard-wedge mode "types" the whole
 * code as one burst of keystrokes a few milliseconds apart, usually followed by Enter; even a fast typist leaves
 * 80 ms or more between most keys. So: characters that arrive close together form a burst; a burst that is long
 * enough, fast enough on average, and ends with a terminator (or a pause, for scanners set up with no suffix)
 * is a scan. Anything else is typing, and is left alone.
 *
 * A scanner does not follow the kiosk's keyboard layout: as shipped it sends the keys a US keyboard needs, so on
 * an Italian layout "VG1:" arrives as "VG1ç" and on a German one Y and Z swap. Each burst is therefore read twice:
 * by physical key through the US layout (`KeyboardEvent.code`, see keyboard-wedge-us-layout.ts) and by the
 * characters the layout produced (`KeyboardEvent.key`, right for a scanner set up for the kiosk's layout). The
 * reading the caller recognises (by default: a well-formed card token) is the scan.
 */
export interface KeyboardWedgeOptions {
  /** a gap longer than this ends a burst: the next character starts a new one (default 80 ms) */
  maxGapMs?: number;
  /** mean gap between a scan's characters must be at most this (default 35 ms) */
  maxMeanGapMs?: number;
  /** shortest text accepted as a scan (default 8; a card token is well over 100) */
  minLength?: number;
  /** keys that end a scan (KeyboardEvent.key or .code values; default Enter and Tab) */
  terminators?: readonly string[];
  /**
   * True for a text the kiosk can use; decides between the two readings of a burst (physical keys first, then
   * the layout's characters). Default: a well-formed card token (parseCardToken; the signature is checked later).
   */
  recognise?: (text: string) => boolean;
}

/** What the wedge needs of a keydown: the fields of the DOM KeyboardEvent (UI Events), plus Caps Lock's state. */
export interface Keystroke {
  /** the character (or key name: "Shift", "Enter", "Dead") the OS layout produced */
  key: string;
  /** the physical key ("KeyV", "Semicolon"); empty when unknown (synthetic events, some virtual keyboards) */
  code?: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** `event.getModifierState('CapsLock')` */
  capsLock?: boolean;
}

/** The Keystroke of a DOM keydown event. */
export function keystrokeOf(event: KeyboardEvent): Keystroke {
  return {
    key: event.key,
    code: event.code,
    shiftKey: event.shiftKey,
    ctrlKey: event.ctrlKey,
    altKey: event.altKey,
    metaKey: event.metaKey,
    capsLock: event.getModifierState('CapsLock'),
  };
}

export type WedgeOutcome = { kind: 'scan'; text: string } | { kind: 'none' };

/** Stands for a keystroke that produced no character on the layout (a dead key): it makes that reading unusable. */
const NO_CHARACTER = '\uFFFD';

const NONE: WedgeOutcome = { kind: 'none' };

export class KeyboardWedge {
  private readonly maxGapMs: number;
  private readonly maxMeanGapMs: number;
  private readonly minLength: number;
  private readonly terminators: ReadonlySet<string>;
  private readonly recognise: (text: string) => boolean;
  /** the burst read by physical key through the US layout */
  private physical: string[] = [];
  /** the burst as the OS layout typed it */
  private typed: string[] = [];
  private firstAt = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: KeyboardWedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 80;
    this.maxMeanGapMs = options.maxMeanGapMs ?? 35;
    this.minLength = options.minLength ?? 8;
    this.terminators = new Set(options.terminators ?? ['Enter', 'Tab']);
    this.recognise = options.recognise ?? ((text) => parseCardToken(text).ok);
    if (!(this.maxMeanGapMs > 0 && this.maxGapMs >= this.maxMeanGapMs))
      throw new RangeError('need 0 < maxMeanGapMs <= maxGapMs');
    if (!(this.minLength >= 2)) throw new RangeError('minLength must be at least 2');
  }

  /**
   * Feeds one keydown (see keystrokeOf) and its `event.timeStamp` (ms). Answers a scan when this key completes
   * one. Modifier and navigation keys (Shift, Alt, ArrowLeft…) are not characters: they neither count nor break
   * a burst. A dead key (key "Dead") on a key that types a character on a US layout does count.
   */
  key(stroke: Keystroke, at: number): WedgeOutcome {
    if (this.terminators.has(stroke.key) || (stroke.code && this.terminators.has(stroke.code))) {
      const outcome = this.qualifies(at) ? this.take() : NONE;
      this.clear();
      return outcome;
    }
    const typed = [...stroke.key].length === 1 ? stroke.key : undefined;
    // With Ctrl, Alt (AltGr) or Meta held the US reading of the key means nothing: keep the layout's character.
    const plain = !(stroke.ctrlKey || stroke.altKey || stroke.metaKey);
    const physical = plain
      ? usLayoutCharacter(stroke.code ?? '', stroke.shiftKey ?? false, stroke.capsLock ?? false)
      : undefined;
    if (typed === undefined && physical === undefined) return NONE;
    if (at - this.lastAt > this.maxGapMs) {
      this.physical = [];
      this.typed = [];
      this.firstAt = at;
    }
    this.physical.push(physical ?? (typed as string));
    this.typed.push(typed ?? NO_CHARACTER);
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
    return this.typed.length >= 2 && now - this.lastAt <= this.maxGapMs;
  }

  private qualifies(endAt: number): boolean {
    const n = this.typed.length;
    if (n < this.minLength) return false;
    if (endAt - this.lastAt > this.maxGapMs) return false;
    const meanGap = (this.lastAt - this.firstAt) / (n - 1);
    return meanGap <= this.maxMeanGapMs;
  }

  /** The physical reading if recognised, else the typed one if recognised, else what the layout typed. */
  private take(): WedgeOutcome {
    const physical = this.physical.join('');
    const typed = this.typed.join('');
    const text = [physical, typed].find((reading) => this.recognise(reading)) ?? typed;
    return { kind: 'scan', text };
  }

  private clear(): void {
    this.physical = [];
    this.typed = [];
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}
