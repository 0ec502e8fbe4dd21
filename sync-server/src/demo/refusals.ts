import { CITY_TIME_ZONE, localClock, type Refusal, type RefusalReason, refusalId } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import { putDocuments } from '../store/documents';
import type { Database } from '../store/schema';
import { seededRandom } from './random';

/** How often each reason comes up at a door: a repeat scan most, a misread code or a full course less. */
const WEIGHTED: readonly RefusalReason[] = [
  'already_checked_in',
  'already_checked_in',
  'already_checked_in',
  'invalid',
  'invalid',
  'revoked',
  'session_full',
  'not_checked_in',
];

/**
 * The demo kiosks' refused scans over the four weeks before `now` (counters per kiosk, local hour and reason, as
 * kiosks sync them), so the refused-scans page has something to show. Its own random sequence, so the rest of
 * the demo history stays as it was.
 */
export async function seedRefusals(
  tx: Transaction<Database>,
  kiosks: ReadonlyArray<{ deviceId: string; hubId: string }>,
  now: number,
): Promise<void> {
  const random = seededRandom(77);
  const counters = new Map<string, Refusal>();
  for (const kiosk of kiosks)
    for (let day = 1; day <= 28; day++)
      for (let i = Math.floor(random() * 4); i > 0; i--) {
        const at = now - day * 86_400_000;
        const { date } = localClock(CITY_TIME_ZONE, at);
        const hour = 9 + Math.floor(random() * 10);
        const reason = WEIGHTED[Math.floor(random() * WEIGHTED.length)] as RefusalReason;
        const id = refusalId(kiosk.deviceId, date, hour, reason);
        const counter = counters.get(id) ?? {
          id,
          hubId: kiosk.hubId,
          deviceId: kiosk.deviceId,
          day: date,
          hour,
          reason,
          count: 0,
          updatedAt: at,
        };
        counter.count += 1 + Math.floor(random() * 3);
        counters.set(id, counter);
      }
  await putDocuments(
    tx,
    [...counters.values()].map((r) => ({ collection: 'refusals', hubId: r.hubId, at: r.updatedAt, body: r })),
  );
}
