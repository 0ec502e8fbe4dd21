/**
 * The days around Rome's 2026 clock changes, each with Rome's UTC offset (ISO 8601 `±hh:mm`) at its local
 * midnight and in its evening: the Saturday before, the Sunday of the change and the Monday after, for spring
 * (29 March, 02:00→03:00, a 23-hour day) and autumn (25 October, 03:00→02:00, a 25-hour day). Source: EU
 * Directive 2000/84/EC (last Sunday of March and of October, 01:00 UTC). The field's bugs came from those
 * days, so every local-time rule is tested on them.
 */
export const ROME_2026_CLOCK_CHANGE_DAYS: ReadonlyArray<
  readonly [day: string, midnightOffset: string, eveningOffset: string]
> = [
  ['2026-03-28', '+01:00', '+01:00'],
  ['2026-03-29', '+01:00', '+02:00'],
  ['2026-03-30', '+02:00', '+02:00'],
  ['2026-10-24', '+02:00', '+02:00'],
  ['2026-10-25', '+02:00', '+01:00'],
  ['2026-10-26', '+01:00', '+01:00'],
];
