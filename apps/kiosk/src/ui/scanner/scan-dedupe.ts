/**
 * "The same card held in front of the camera is read once": the camera decodes it in frame after frame, and only
 * the first read is reported. The same text is reported again only after it has been out of sight for
 * `absentMs` (the visitor took the card away and shows it again later). A different text is reported at once.
 */
export class ScanDedupe {
  private lastText: string | undefined;
  private lastSeenAt = Number.NEGATIVE_INFINITY;

  constructor(readonly absentMs: number) {
    if (!(absentMs > 0)) throw new RangeError(`absentMs must be positive, got ${absentMs}`);
  }

  /** Called with every decoded text; true when it is new and should be reported. */
  accept(text: string, now: number): boolean {
    const isNew = text !== this.lastText || now - this.lastSeenAt > this.absentMs;
    this.lastText = text;
    this.lastSeenAt = now;
    return isNew;
  }

  /** Forget the last card (e.g. when the screen resets for the next visitor). */
  reset(): void {
    this.lastText = undefined;
    this.lastSeenAt = Number.NEGATIVE_INFINITY;
  }
}
