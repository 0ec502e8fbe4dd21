import { useCallback, useEffect, useState } from 'react';

/**
 * How long the idle screen waits, untouched and with no card shown, before it gives way to the info screen.
 * 45 s: longer than a visitor reading the idle screen or looking for their card (the language choice waits 60 s,
 * LANGUAGE_IDLE_SECONDS in App.tsx, and is not affected: the info screen keeps the visit's language), short
 * enough that a passer-by sees the city's news rather than a check-in form.
 */
export const INFO_SCREEN_IDLE_SECONDS = 45;

/**
 * Whether the idle screen shows the full-screen info screen: true after `idleSeconds` with no touch, click or key
 * while `enabled`; `leave()` returns to the idle screen and starts the count again. Scans need no handling here: a
 * scan opens the answer screen, which unmounts the idle screen and with it this count.
 */
export function useInfoScreen(enabled: boolean, idleSeconds: number): { active: boolean; leave: () => void } {
  const [active, setActive] = useState(false);
  useEffect(() => {
    if (!enabled || active) return;
    let timer = setTimeout(() => setActive(true), idleSeconds * 1000);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setActive(true), idleSeconds * 1000);
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, restart);
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, restart);
    };
  }, [enabled, active, idleSeconds]);
  useEffect(() => {
    if (!enabled) setActive(false);
  }, [enabled]);
  // Back to the idle screen; the effect above starts the count again.
  const leave = useCallback(() => setActive(false), []);
  return { active: active && enabled, leave };
}
