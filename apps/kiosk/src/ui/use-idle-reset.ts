import { useEffect, useState } from 'react';

/**
 * Counts down while nobody touches the screen and calls `onTimeout` at zero; any touch, click or key starts the
 * count again. Returns the seconds left once the last `warnSeconds` begin (else null), to show a visible countdown.
 */
export function useIdleReset(
  active: boolean,
  totalSeconds: number,
  warnSeconds: number,
  onTimeout: () => void,
): number | null {
  const [left, setLeft] = useState(totalSeconds);
  useEffect(() => {
    if (!active) return;
    setLeft(totalSeconds);
    const reset = () => setLeft(totalSeconds);
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, reset);
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => {
      for (const e of events) window.removeEventListener(e, reset);
      clearInterval(timer);
    };
  }, [active, totalSeconds]);
  useEffect(() => {
    if (active && left <= 0) onTimeout();
  }, [active, left, onTimeout]);
  return active && left <= warnSeconds ? Math.max(left, 0) : null;
}
