import type { RxDocumentData } from 'rxdb';
import type { Checkin } from './fixtures.ts';

/** Hubs the synthetic check-ins are spread over (two devices each). */
export const SYNTHETIC_HUBS = 8;
export const DAY = 86_400_000;

/** The spacing that puts `total` check-ins over about three years (a million: about 900 a day). */
export function threeYearStep(total: number): number {
  return Math.floor((3 * 365 * DAY) / total);
}

/**
 * The n-th of a deterministic series of check-ins (the kiosk's scenario at scale, for million.test.ts and
 * `npm run bench:storage`): ids sort in the order written, over 8 hubs, 16 devices and 20 000 cards.
 */
export function syntheticCheckin(n: number, start: number, step: number): RxDocumentData<Checkin> {
  const deviceTime = start + n * step;
  return {
    id: `01J${n.toString(36).toUpperCase().padStart(23, '0')}`,
    hubId: `HUB${(n % SYNTHETIC_HUBS).toString().padStart(23, '0')}`,
    deviceId: `DEV${(n % (SYNTHETIC_HUBS * 2)).toString().padStart(23, '0')}`,
    cardId: `CARD${(n % 20_000).toString().padStart(22, '0')}`,
    direction: n % 2 ? 'in' : 'out',
    source: 'camera',
    deviceTime,
    hlc: `${deviceTime.toString(36)}-${(n % 1000).toString(36)}`,
    updatedAt: deviceTime,
    _deleted: false,
    _attachments: {},
    _rev: '1-a',
    _meta: { lwt: deviceTime },
  };
}
