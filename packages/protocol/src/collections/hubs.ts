import type { Static } from 'typebox';
import { Type } from 'typebox';
import { REPEAT_SCAN_WINDOW_MS } from '../kiosk/checkin';
import { EpochMillis, IsoDate, Ulid } from '../schema/fields';
import { closedObject, collectionSchema, storedTimeOfDay, targetGroup } from './common';

/** A facilitator's PIN as the hub document carries it to kiosks: the slow hash, never the PIN (facilitator/pin.ts). */
const pinHash = (description: string) =>
  closedObject(
    {
      salt: Type.String({ maxLength: 64 }),
      hash: Type.String({ maxLength: 128 }),
      cost: Type.Integer({ minimum: 1024, maximum: 1048576 }),
    },
    description,
  );

/** The longest repeat-scan window a hub may set: a whole day (a second scan the same day is a repeat). */
export const MAX_REPEAT_SCAN_WINDOW_MS = 24 * 60 * 60_000;

/** A City Service Hub: one of the reactivated buildings. Written by the server only (the dashboard's "Sedi"). */
export const hubSchema = collectionSchema(
  'hubs',
  // 1: closures, archived, repeatScanWindowMs and per-facilitator PINs (facilitators) instead of one hub-wide
  // facilitatorPin (kiosks migrate version 0 documents: apps/kiosk/src/hub/database/migrations.ts)
  { version: 1, description: 'A City Service Hub of Vigevano' },
  {
    id: Ulid(),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    address: Type.String({ maxLength: 200 }),
    area: Type.String({ maxLength: 80, description: 'district, e.g. Centro or Ticino' }),
    targetGroups: Type.Array(targetGroup(), { maxItems: 6 }),
    focus: closedObject(
      { assistance: Type.String({ maxLength: 300 }), promotion: Type.String({ maxLength: 300 }) },
      'what the hub joins: assistance (meeting a need) with promotion (creating an opportunity)',
    ),
    openingHours: Type.Array(
      closedObject({
        day: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday' }),
        open: storedTimeOfDay(),
        close: storedTimeOfDay(),
      }),
      { maxItems: 42 },
    ),
    closures: Type.Array(
      closedObject(
        {
          from: IsoDate({ description: 'first closed day, local date' }),
          to: IsoDate({ description: 'last closed day (inclusive), local date' }),
          reason: Type.String({ maxLength: 120 }),
        },
        'closures and holidays: the hub is closed from `from` to `to`, both included',
      ),
      { maxItems: 100 },
    ),
    position: closedObject({
      lat: Type.Number({ minimum: -90, maximum: 90 }),
      lon: Type.Number({ minimum: -180, maximum: 180 }),
    }),
    usesCheckout: Type.Boolean({ description: 'a second scan checks the visitor out' }),
    repeatScanWindowMs: Type.Integer({
      minimum: 0,
      maximum: MAX_REPEAT_SCAN_WINDOW_MS,
      description: `a second scan within this time (ms) after a check-in is a repeat (default ${REPEAT_SCAN_WINDOW_MS})`,
    }),
    facilitators: Type.Array(
      closedObject({
        id: Ulid(),
        name: Type.String({ minLength: 1, maxLength: 80 }),
        pin: Type.Optional(
          pinHash("scrypt hash of the facilitator's PIN, so kiosks verify it offline (set on the server)"),
        ),
      }),
      { maxItems: 200, description: "the hub's facilitators: kiosks open facilitator mode as one of them" },
    ),
    archived: Type.Boolean({ description: 'an archived hub takes no kiosks and is left out of new choices' }),
    timezone: Type.String({ maxLength: 40 }),
    updatedAt: EpochMillis(),
  },
);

export type Hub = Static<typeof hubSchema>;
export type HubFacilitator = Hub['facilitators'][number];
