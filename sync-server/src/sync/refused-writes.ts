/**
 * How many pushed rows the write authority refused since this server instance started, by collection: a kiosk
 * writing what it may not is a bug or a stolen kiosk, and either is worth noticing. Each refusal is also logged
 * with its device. Per instance: with several instances, the city's total is the sum of theirs (metrics).
 */
export class RefusedWrites {
  private readonly byCollection = new Map<string, number>();

  /** Counts `rows` refused rows of a collection. */
  count(collection: string, rows: number): void {
    this.byCollection.set(collection, (this.byCollection.get(collection) ?? 0) + rows);
  }

  /** Refused rows so far, by collection name. */
  byName(): Record<string, number> {
    return Object.fromEntries(this.byCollection);
  }
}
