import type { Content } from '@vigevano/protocol';
import { useEffect } from 'react';
import { kioskApi } from '../kiosk-api';

/**
 * Proof of play: when `item` leaves the screen (another item, another screen), tells the hub service how long it
 * was shown, in whole seconds, at most 600 (the play counters' cap per report).
 */
export function useProofOfPlay(item: Content | undefined): void {
  // Keyed by the id, not the object: the hub pushes a new state (new objects, same items) every 15 s, which is no
  // new show (proof-of-play.e2e.test.ts counted 6 shows for 2 before).
  const shownId = item?.id;
  useEffect(() => {
    if (!shownId) return;
    const shownAt = Date.now();
    return () => {
      const seconds = Math.min(600, Math.round((Date.now() - shownAt) / 1000));
      void kioskApi.played.mutate({ contentId: shownId, seconds }).catch(() => undefined);
    };
  }, [shownId]);
}
