/**
 * A kiosk's clock more than five minutes off is flagged: its check-ins keep their order (hybrid logical clock),
 * but times shown at the kiosk and "today" at midnight are wrong until someone sets the clock (or enables NTP).
 */
export const CLOCK_SKEW_WARN_MS = 5 * 60_000;

export function isClockSkewed(offsetMs: number | null): boolean {
  return offsetMs !== null && Math.abs(offsetMs) > CLOCK_SKEW_WARN_MS;
}
