/**
 * How many pushed rows the write authority refused since the process started, by collection: a kiosk writing what it
 * may not is a bug or a stolen kiosk, and either is worth noticing. Each refusal is also logged with its device.
 */
const refused = new Map<string, number>();

/** Counts `rows` refused rows of a collection. */
export function countRefusedWrites(collection: string, rows: number): void {
  refused.set(collection, (refused.get(collection) ?? 0) + rows);
}

/** Refused rows so far, by collection name. */
export function refusedWrites(): Record<string, number> {
  return Object.fromEntries(refused);
}
