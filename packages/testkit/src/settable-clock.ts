import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A wall clock a test sets from outside for a child process (a kiosk's hub service), so that a story can happen on
 * a chosen day and at chosen times: "09:50, a card checks in; 10:20, a late one". The child preloads a module that
 * replaces `Date` (`Date.now()` and `new Date()`); from each `set(at)` on, the child's time flows from `at` at the
 * real pace. Timers are untouched (they run on the monotonic clock), so retries and intervals keep working.
 *
 * The time lives in a file the child checks on every reading (its modification time, then its content when it
 * changed): a set is in force for the child's next reading, with no signal or restart.
 */
export interface SettableClock {
  /** to merge into the child's environment: NODE_OPTIONS with the preload, and where the time is */
  env: Record<string, string>;
  /** from now on, the child's clock reads `at` (epoch ms) and runs on from there */
  set(at: number): void;
  /** the child's clock is the real one again */
  reset(): void;
}

const PRELOAD = `import { readFileSync, statSync } from 'node:fs';
const file = process.env.SETTABLE_CLOCK_FILE;
const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);
let seen = -1;
let offset = 0;
function now() {
  try {
    const m = statSync(file).mtimeMs;
    if (m !== seen) {
      const { at, setAt } = JSON.parse(readFileSync(file, 'utf8'));
      offset = at - setAt;
      seen = m;
    }
  } catch {
    // no file yet, or caught mid-write: the previous offset holds until the next reading
  }
  return realNow() + offset;
}
class SettableDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(now());
    else super(...args);
  }
  static now() {
    return now();
  }
}
globalThis.Date = SettableDate;
`;

/**
 * A settable clock whose files live in `dir` (a test's temporary directory). It starts as the real time.
 *
 * @param inheritedNodeOptions what the run already gives children in NODE_OPTIONS, kept and added to
 */
export function settableClock(
  dir: string,
  inheritedNodeOptions = process.env.NODE_OPTIONS ?? '',
): SettableClock {
  const preload = join(dir, 'settable-clock.mjs');
  const file = join(dir, 'settable-clock.json');
  writeFileSync(preload, PRELOAD);
  const set = (at: number) => writeFileSync(file, JSON.stringify({ at, setAt: Date.now() }));
  set(Date.now());
  return {
    env: {
      SETTABLE_CLOCK_FILE: file,
      NODE_OPTIONS: `${inheritedNodeOptions} --import=${pathToFileURL(preload).href}`.trim(),
    },
    set,
    reset: () => set(Date.now()),
  };
}
