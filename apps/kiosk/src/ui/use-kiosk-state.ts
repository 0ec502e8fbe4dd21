import { type ApiErrorBody, type KioskState, kioskRoutes } from '@vigevano/protocol';
import { useEffect, useState } from 'react';

export type StateLoad =
  | { kind: 'loading' }
  | { kind: 'ready'; state: KioskState }
  | { kind: 'unavailable'; message: string };

/** Polls the hub service for the idle screen's state; keeps showing the last good state if a poll fails. */
export function useKioskState(intervalMs = 5_000): StateLoad {
  const [load, setLoad] = useState<StateLoad>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const poll = async () => {
      try {
        const res = await fetch(kioskRoutes.state.path);
        if (cancelled) return;
        if (res.ok) setLoad({ kind: 'ready', state: (await res.json()) as KioskState });
        else {
          const body = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
          setLoad({ kind: 'unavailable', message: body?.error.message ?? `errore ${res.status}` });
        }
      } catch {
        // The hub service restarts (Electron relaunches it): keep the last screen until it is back.
        if (!cancelled) setLoad((previous) => (previous.kind === 'ready' ? previous : { kind: 'loading' }));
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [intervalMs]);
  return load;
}
