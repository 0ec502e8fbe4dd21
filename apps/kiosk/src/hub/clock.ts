import { formatHlc, type Hlc, parseHlc, receiveHlc, tickHlc } from '@vigevano/protocol';
import type { KioskDatabase } from './database/open';

/**
 * The kiosk's hybrid logical clock. It is persisted by the events that carry it: on open it starts from the
 * latest check-in in the database (indexed by hlc), so it never goes backwards across a restart with the wall
 * clock set back, without a second durable write per check-in. Check-ins of other kiosks of the hub count as
 * received events, which keeps this kiosk's events after what it has seen. Callers serialise ticks (see Serial).
 */
export class KioskClock {
  private last: Hlc | undefined;
  private constructor(private readonly node: string) {}

  static async open(db: KioskDatabase, node: string, now = Date.now()): Promise<KioskClock> {
    const clock = new KioskClock(node);
    const latest = await db.checkins.findOne({ selector: {}, sort: [{ hlc: 'desc' }] }).exec();
    const seen = latest ? parseHlc(latest.hlc) : undefined;
    if (seen) clock.last = seen.node === node ? seen : receiveHlc(undefined, seen, now, node);
    return clock;
  }

  /** Another kiosk's event arrived (by sync): this kiosk's next events sort after it, whatever the wall clocks say. */
  observe(remoteHlc: string, now: number): void {
    const remote = parseHlc(remoteHlc);
    if (remote && remote.node !== this.node) this.last = receiveHlc(this.last, remote, now, this.node);
  }

  /** The next timestamp for an event at wall time `now`; it is stored with the event it stamps. */
  async tick(now: number): Promise<string> {
    this.last = tickHlc(this.last, now, this.node);
    return formatHlc(this.last);
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
