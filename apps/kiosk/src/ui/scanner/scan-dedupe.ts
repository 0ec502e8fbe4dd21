/**
 * "The same card held in front of the camera is read once": the camera decodes it in frame after frame, and only
 * the first read is reported. The same text is reported again only after it has been out of sight for
 * `absentMs` (the visitor took the card away and shows it again later). A different text is reported at once.
 *
 * The cool-down after an answer (issue 16: a card left in front of the camera checked its holder out, then back
 * in 82 ms after that answer closed): while a card's answer is on screen the camera is not looking, so the card
 * is `hold`-ed as if in sight; when the answer closes it is `release`-d as seen at that moment. A card still in
 * front of the camera then keeps being seen and is never reported again, however long it stays; one taken away
 * is reported again once it has been out of sight for `absentMs`. This lives next to the scanner, not in the
 * check-in decision, because only the scanner knows whether the card is still there: a time rule in the decision
 * could delay the toggle of a card left in place, never prevent it. One instance serves the camera and the USB
 * scanner and outlives the screens (the camera restarts with each idle screen).
 */
export class ScanDedupe {
  private lastText: string | undefined;
  private lastSeenAt = Number.NEGATIVE_INFINITY;
  /** cards whose answer is on screen (Infinity) or closed at the time given */
  private readonly answered = new Map<string, number>();

  constructor(readonly absentMs: number) {
    if (!(absentMs > 0)) throw new RangeError(`absentMs must be positive, got ${absentMs}`);
  }

  /** Called with every decoded text; true when it is new and should be reported. */
  accept(text: string, now: number): boolean {
    for (const [held, at] of this.answered) if (now - at > this.absentMs) this.answered.delete(held);
    const answeredAt = this.answered.get(text);
    if (answeredAt !== undefined) {
      // Still in sight after its answer: the cool-down goes on from this sighting.
      if (answeredAt !== Number.POSITIVE_INFINITY) this.answered.set(text, now);
      this.lastText = text;
      this.lastSeenAt = now;
      return false;
    }
    const isNew = text !== this.lastText || now - this.lastSeenAt > this.absentMs;
    this.lastText = text;
    this.lastSeenAt = now;
    return isNew;
  }

  /** The answer to `text` is on screen: the text counts as in sight until `release`. */
  hold(text: string): void {
    this.answered.set(text, Number.POSITIVE_INFINITY);
  }

  /** The answer to `text` has closed at `now`: ignored while it stays in sight, and for `absentMs` after. */
  release(text: string, now: number): void {
    if (this.answered.has(text)) this.answered.set(text, now);
  }

  /** Forget the last card (e.g. when the screen resets for the next visitor); answered cards stay held. */
  reset(): void {
    this.lastText = undefined;
    this.lastSeenAt = Number.NEGATIVE_INFINITY;
  }
}
