import { type Checkin, formatHlc } from '@vigevano/protocol';
import { ulid } from 'ulid';

/**
 * A new check-in made now by `kiosk` (its hub and device id): a camera scan of a fresh card, its HLC carrying
 * `counter` (kept below 1000, the HLC counter's range in these tests) and the kiosk as node. `overrides` set
 * any field, e.g. the direction or source a test varies.
 */
export function checkinBy(
  kiosk: { hubId: string; deviceId: string },
  counter = 0,
  overrides: Partial<Checkin> = {},
): Checkin {
  const now = Date.now();
  return {
    id: ulid(),
    hubId: kiosk.hubId,
    deviceId: kiosk.deviceId,
    cardId: ulid(),
    direction: 'in',
    source: 'camera',
    deviceTime: now,
    hlc: formatHlc({ wallMs: now, counter: counter % 1000, node: kiosk.deviceId }),
    updatedAt: now,
    ...overrides,
  };
}
