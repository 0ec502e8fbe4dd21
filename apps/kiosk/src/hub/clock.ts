import { formatHlc, type Hlc, parseHlc, tickHlc } from '@vigevano/protocol';
import type { KioskDatabase } from './database/open';

const CLOCK_DOC = 'hlc';

/**
 * The kiosk's hybrid logical clock, kept in a local document so it never goes backwards, even across a restart
 * with the wall clock set back. Callers serialise their writes (see Serial), so one tick never races another.
 */
export class KioskClock {
  private last: Hlc | undefined;
  private constructor(
    private readonly db: KioskDatabase,
    private readonly node: string,
  ) {}

  static async open(db: KioskDatabase, node: string): Promise<KioskClock> {
    const clock = new KioskClock(db, node);
    const stored = await db.getLocal<{ hlc: string }>(CLOCK_DOC);
    clock.last = stored ? parseHlc(stored.get('hlc')) : undefined;
    return clock;
  }

  /** The next timestamp for an event at wall time `now`, persisted before it is returned. */
  async tick(now: number): Promise<string> {
    this.last = tickHlc(this.last, now, this.node);
    const text = formatHlc(this.last);
    await this.db.upsertLocal(CLOCK_DOC, { hlc: text });
    return text;
  }
}

/** Runs async jobs one after another: two scans of the same card arriving together are decided in turn. */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
