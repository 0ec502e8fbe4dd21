import { describe, expect, it } from 'vitest';
import { KeyboardWedge, type WedgeOutcome } from './keyboard-wedge';

/** Types `text` starting at `start` ms with `gap` ms between keys (or a gap function), then `end` if given. */
function type(
  wedge: KeyboardWedge,
  text: string,
  start: number,
  gap: number | ((i: number) => number),
  end?: string,
): { outcomes: WedgeOutcome[]; at: number } {
  const outcomes: WedgeOutcome[] = [];
  let at = start;
  [...text].forEach((ch, i) => {
    if (i > 0) at += typeof gap === 'number' ? gap : gap(i);
    outcomes.push(wedge.key({ key: ch }, at));
  });
  if (end) {
    at += typeof gap === 'number' ? gap : gap(text.length);
    outcomes.push(wedge.key({ key: end }, at));
  }
  return { outcomes, at };
}

const TOKEN = 'VG1:%80-/RNO0*2E/*5KJ8MM0F73H806EQVOD-WFG8GM/IA 1.EDLQET9EDZC';

describe('KeyboardWedge', () => {
  it('reads a scanner burst ending with Enter as one scan', () => {
    const { outcomes } = type(new KeyboardWedge(), TOKEN, 1000, 8, 'Enter');
    expect(outcomes.at(-1)).toEqual({ kind: 'scan', text: TOKEN });
    expect(outcomes.slice(0, -1).every((o) => o.kind === 'none')).toBe(true);
  });

  it('leaves a person typing alone, even a fast typist', () => {
    const wedge = new KeyboardWedge();
    expect(type(wedge, 'ABCD1234EFGH', 0, 110, 'Enter').outcomes.at(-1)).toEqual({ kind: 'none' });
    // Bursts of quick rollover (40 ms) mixed with normal gaps average well above a scanner's.
    expect(type(wedge, 'ABCD1234EFGH', 5000, (i) => (i % 2 ? 40 : 150), 'Enter').outcomes.at(-1)).toEqual({
      kind: 'none',
    });
  });

  it('tolerates one slow keystroke inside a scan (USB hiccup) but not a slow average', () => {
    const hiccup = type(new KeyboardWedge(), TOKEN, 0, (i) => (i === 20 ? 70 : 6), 'Enter');
    expect(hiccup.outcomes.at(-1)).toEqual({ kind: 'scan', text: TOKEN });
    const sluggish = type(new KeyboardWedge(), TOKEN, 0, 50, 'Enter');
    expect(sluggish.outcomes.at(-1)).toEqual({ kind: 'none' });
  });

  it('does not take a short burst for a scan', () => {
    expect(type(new KeyboardWedge(), 'abc', 0, 5, 'Enter').outcomes.at(-1)).toEqual({ kind: 'none' });
  });

  it('keeps only the burst when a person typed something just before the scanner fired', () => {
    const wedge = new KeyboardWedge();
    const typed = type(wedge, 'ciao', 0, 150);
    const { outcomes } = type(wedge, TOKEN, typed.at + 400, 10, 'Tab');
    expect(outcomes.at(-1)).toEqual({ kind: 'scan', text: TOKEN });
  });

  it('ignores modifier keys inside a burst (a scanner holds Shift for capitals)', () => {
    const wedge = new KeyboardWedge();
    let at = 0;
    for (const ch of 'VG1:ABCDEFGH') {
      wedge.key({ key: 'Shift', code: 'ShiftLeft', shiftKey: true }, at);
      wedge.key({ key: ch }, at + 4);
      at += 8;
    }
    expect(wedge.key({ key: 'Enter' }, at + 5)).toEqual({ kind: 'scan', text: 'VG1:ABCDEFGH' });
  });

  it('reads a scanner set up with no terminator once the burst pauses', () => {
    const wedge = new KeyboardWedge();
    const { at } = type(wedge, TOKEN, 0, 7);
    expect(wedge.inBurst(at + 1)).toBe(true);
    expect(wedge.idle(at + 20)).toEqual({ kind: 'none' });
    expect(wedge.idle(at + 200)).toEqual({ kind: 'scan', text: TOKEN });
    expect(wedge.idle(at + 400)).toEqual({ kind: 'none' });
    expect(wedge.inBurst(at + 400)).toBe(false);
  });

  it('does not report the same burst twice', () => {
    const wedge = new KeyboardWedge();
    const { at } = type(wedge, TOKEN, 0, 7, 'Enter');
    expect(wedge.key({ key: 'Enter' }, at + 5)).toEqual({ kind: 'none' });
  });

  it('refuses nonsensical options', () => {
    expect(() => new KeyboardWedge({ maxMeanGapMs: 100, maxGapMs: 50 })).toThrow(RangeError);
    expect(() => new KeyboardWedge({ minLength: 1 })).toThrow(RangeError);
  });
});
