import type { ApiRoute, RouteResponse } from '@vigevano/protocol';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, type ApiRequest, apiUrl, send } from '../api';

export type Loaded<T> =
  | { state: 'loading'; data?: T }
  | { state: 'error'; message: string; data?: T }
  | { state: 'ready'; data: T };

/**
 * Loads a GET route of the server (again whenever its URL changes; not at all while `request` is null); keeps the
 * last data while the next loads, so views do not flash. The data is typed from the route table.
 */
export function useApi<R extends ApiRoute & { method: 'GET' }>(
  route: R,
  request: ApiRequest<R> | null,
): [Loaded<RouteResponse<R>>, () => void] {
  type T = RouteResponse<R>;
  // The URL, not the request object, is what decides a reload: a new object with the same values is no change.
  const url = request === null ? null : apiUrl<ApiRoute>(route, request as ApiRequest<ApiRoute>);
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the reload trigger, on purpose
  useEffect(() => {
    if (!url) return;
    let live = true;
    setResult((r) => ({ state: 'loading', data: r.data }));
    send('GET', url)
      .then((data) => live && setResult({ state: 'ready', data: data as T }))
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
  }, [url, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [result, reload];
}
