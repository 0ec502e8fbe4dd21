/**
 * The pushes of one server instance: how many are being applied right now, for background work that gives way to
 * them (the report feed: on SQLite a push waits for whatever holds the one connection, so kiosks coming back
 * online should not queue behind work that can wait), and how many were applied since it started (metrics).
 */
export class PushActivity {
  private running = 0;
  private applied = 0;

  /** pushes being applied now */
  inFlight(): number {
    return this.running;
  }

  /** pushes applied since the instance started, whatever their outcome */
  total(): number {
    return this.applied;
  }

  /** Runs one push's `work`, counted as in flight until it settles. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.applied += 1;
    }
  }
}
