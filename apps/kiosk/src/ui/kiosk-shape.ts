/**
 * The three shapes of kiosk screen the hubs have, each with its own layout (tokens.css and the screens' CSS
 * modules read `data-shape` on <html>):
 * - `portrait`: a totem, taller than wide (1080x1920);
 * - `landscape`: a wide screen at least COMPACT_BELOW px tall (1920x1080);
 * - `compact`: a wide screen less tall than that (1366x768, 1280x800), with tighter spacing.
 * Sizes are CSS pixels of the viewport (window.innerWidth/innerHeight).
 */
export type KioskShape = 'portrait' | 'landscape' | 'compact';

/** Below this viewport height (CSS px) a landscape screen gets the compact layout. */
export const COMPACT_BELOW = 900;

/** The shape for a viewport of `width` x `height` CSS px; a square one counts as landscape. Throws on no size. */
export function kioskShape(width: number, height: number): KioskShape {
  if (!(width > 0 && height > 0)) throw new RangeError(`a viewport needs a size, got ${width}x${height}`);
  if (height > width) return 'portrait';
  return height < COMPACT_BELOW ? 'compact' : 'landscape';
}

/** Keeps `data-shape` on <html> in step with the window's size; returns the function that stops it. */
export function trackKioskShape(window: Window): () => void {
  const apply = () => {
    // A window not laid out yet (0x0) keeps the last shape.
    if (window.innerWidth > 0 && window.innerHeight > 0)
      window.document.documentElement.dataset.shape = kioskShape(window.innerWidth, window.innerHeight);
  };
  apply();
  window.addEventListener('resize', apply);
  return () => window.removeEventListener('resize', apply);
}
