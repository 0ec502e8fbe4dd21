/** How long each info screen stays on, ms: the usual pace, and the slower one of the accessibility mode. */
const ROTATION_MS = { normal: 8_000, slow: 16_000 } as const;

/**
 * The rotation interval, ms. `?rotationMs=N` on the kiosk page's address (N ≥ 50) replaces it: `npm run
 * bench:signage` compresses a day of rotation into minutes with it. The kiosk's shell never sets it.
 */
export function rotationInterval(slow: boolean, search = globalThis.location?.search ?? ''): number {
  const override = Number(new URLSearchParams(search).get('rotationMs'));
  if (Number.isInteger(override) && override >= 50) return override;
  return slow ? ROTATION_MS.slow : ROTATION_MS.normal;
}
