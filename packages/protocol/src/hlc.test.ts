import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, type Hlc, parseHlc, receiveHlc, tickHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('follows the wall clock when it moves forward', () => {
    expect(tickHlc(undefined, 1000, 'A')).toEqual({ wallMs: 1000, counter: 0, node: 'A' });
    expect(tickHlc({ wallMs: 1000, counter: 3, node: 'A' }, 2000, 'A')).toEqual({
      wallMs: 2000,
      counter: 0,
      node: 'A',
    });
  });

  it('never goes backwards when the wall clock does', () => {
    const a = tickHlc({ wallMs: 5000, counter: 0, node: 'A' }, 1000, 'A');
    expect(a).toEqual({ wallMs: 5000, counter: 1, node: 'A' });
  });

  it('orders a received event after what caused it, even from a kiosk days ahead', () => {
    const remote: Hlc = { wallMs: 10 * 86_400_000, counter: 7, node: 'B' };
    const next = receiveHlc({ wallMs: 1000, counter: 0, node: 'A' }, remote, 2000, 'A');
    expect(formatHlc(next) > formatHlc(remote)).toBe(true);
  });

  it('sorts as text in clock order, and parses back', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            wallMs: fc.integer({ min: 0, max: 4e12 }),
            counter: fc.integer({ min: 0, max: 1000 }),
          }),
          {
            minLength: 2,
            maxLength: 20,
          },
        ),
        (clocks) => {
          const texts = clocks.map((c) => formatHlc({ ...c, node: 'N' }));
          const byText = [...texts].sort();
          const byClock = [...clocks]
            .sort((x, y) => x.wallMs - y.wallMs || x.counter - y.counter)
            .map((c) => formatHlc({ ...c, node: 'N' }));
          expect(byText).toEqual(byClock);
          for (const c of clocks)
            expect(parseHlc(formatHlc({ ...c, node: 'N' }))).toEqual({ ...c, node: 'N' });
        },
      ),
    );
  });

  it('every sequence of local and received events is strictly increasing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 })), {
          maxLength: 50,
        }),
        (events) => {
          let clock: Hlc | undefined;
          let previous = '';
          for (const [received, now, remoteWall] of events) {
            clock = received
              ? receiveHlc(clock, { wallMs: remoteWall, counter: 2, node: 'B' }, now, 'A')
              : tickHlc(clock, now, 'A');
            const text = formatHlc(clock);
            expect(text > previous).toBe(true);
            previous = text;
          }
        },
      ),
    );
  });

  it('rejects malformed text', () => {
    expect(parseHlc('nonsense')).toBeUndefined();
  });
});
