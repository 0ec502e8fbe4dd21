import type { KioskState } from '@vigevano/protocol';
import { useEffect, useState } from 'react';
import { kioskApi } from './kiosk-api';

export type StateLoad =
  | { kind: 'loading' }
  | { kind: 'ready'; state: KioskState }
  | { kind: 'unavailable'; message: string };

/** The idle screen's state, pushed by the hub service whenever it changes (and every 15 s for the clock). */
export function useKioskState(): StateLoad {
  const [load, setLoad] = useState<StateLoad>({ kind: 'loading' });
  useEffect(() => {
    const subscription = kioskApi.stateChanges.subscribe(undefined, {
      onData: (state) => setLoad({ kind: 'ready', state }),
      onError: (error) =>
        // Keep the last good screen while the hub service restarts; say why only if there never was one.
        setLoad((previous) =>
          previous.kind === 'ready' ? previous : { kind: 'unavailable', message: error.message },
        ),
    });
    return () => subscription.unsubscribe();
  }, []);
  return load;
}
