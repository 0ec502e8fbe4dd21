import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, Ulid } from '../schema/fields';
import { collectionSchema, localizedText } from './common';
import { DEVICE_TAG_PATTERN } from './content';

/** The longest an urgent notice may stay on screen: a notice is for an emergency, not a standing message. */
export const NOTICE_MAX_DURATION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * An urgent notice (issue 17, item 4): it interrupts the idle screen of the kiosks it targets from `startsAt` until
 * `endsAt`, or `endedAt` when a coordinator ended it early. Only the server writes it; every kiosk of the hubs it
 * names (all of them when `hubIds` is empty) pulls it and applies the targeting rule (kiosk/targeting.ts).
 */
export const noticeSchema = collectionSchema(
  'notices',
  { version: 0 },
  {
    id: Ulid(),
    hubIds: Type.Array(Ulid(), { maxItems: 100, description: 'empty: every hub (city-wide)' }),
    deviceIds: Type.Array(Ulid(), { maxItems: 200, description: 'single kiosks, within hubIds' }),
    tags: Type.Array(Type.String({ pattern: DEVICE_TAG_PATTERN, maxLength: 32 }), {
      maxItems: 20,
      description: 'kiosk groups, within hubIds; neither deviceIds nor tags: every kiosk of those hubs',
    }),
    title: localizedText(),
    text: localizedText(),
    startsAt: EpochMillis(),
    endsAt: EpochMillis({ description: 'at most NOTICE_MAX_DURATION_MS after startsAt' }),
    endedAt: Type.Optional(EpochMillis({ description: 'a coordinator ended it early (who: the audit log)' })),
    updatedAt: EpochMillis(),
  },
);

export type Notice = Static<typeof noticeSchema>;

/** When a notice stops showing: its end, or the moment a coordinator ended it if earlier (epoch ms). */
export function noticeEnd(notice: Pick<Notice, 'endsAt' | 'endedAt'>): number {
  return notice.endedAt === undefined ? notice.endsAt : Math.min(notice.endedAt, notice.endsAt);
}
