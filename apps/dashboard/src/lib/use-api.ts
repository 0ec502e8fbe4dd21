import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api';

export type Loaded<T> =
  | { state: 'loading'; data?: T }
  | { state: 'error'; message: string; data?: T }
  | { state: 'ready'; data: T };

/** Loads `path` (again whenever it changes); keeps the last data while the next loads, so views do not flash. */
export function useApi<T>(path: string | null): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the reload trigger, on purpose
  useEffect(() => {
    if (!path) return;
    let live = true;
    setResult((r) => ({ state: 'loading', data: r.data }));
    api<T>(path)
      .then((data) => live && setResult({ state: 'ready', data }))
      .catch(
        (e: unknown) =>
          live &&
          setResult((r) => ({
            state: 'error',
            message: e instanceof ApiError ? e.message : 'Errore inatteso.',
            data: r.data,
          })),
      );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [result, reload];
}
