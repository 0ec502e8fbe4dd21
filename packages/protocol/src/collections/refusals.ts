import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, StringEnum, Ulid } from '../schema/fields';
import { ULID } from '../schema/patterns';
import { collectionSchema } from './common';

/**
 * Why a kiosk refused a scan: the refusal codes of its check-in decision (apps/kiosk/src/hub/checkin/decision.ts)
 * and of the card check before it (`bad_signature`). No personal data goes with them: not the card, not the alias.
 */
export const REFUSAL_REASONS = [
  'invalid',
  'bad_signature',
  'unknown_issuer',
  'revoked',
  'not_checked_in',
  'already_checked_in',
  'session_closed',
  'session_full',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * Refused scans, counted: one document per kiosk, local hour and reason (the id says so), counted up by that kiosk
 * only, like proof of play (plays). Why counters and not one document per refusal: a kiosk offline for weeks, or
 * with a card that keeps failing at the door, would pile up one document per scan; counters are bounded by the
 * hours a kiosk is open times the reasons, and they are exactly-once by construction (a retried push carries the
 * same or a larger count, and the merge keeps the larger: a scan is never counted twice nor lost). The hour is as
 * fine as the dashboard's view of where refusals cluster needs.
 */
export const refusalSchema = collectionSchema(
  'refusals',
  { version: 0, indexes: ['day'] },
  {
    id: Type.String({ maxLength: 64, pattern: `^${ULID}:[0-9]{10}:[a-z_]{1,24}$` }),
    hubId: Ulid(),
    deviceId: Ulid(),
    day: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10, description: 'local date' }),
    hour: Type.Integer({ minimum: 0, maximum: 23, description: 'local hour of the day' }),
    reason: StringEnum(REFUSAL_REASONS, { maxLength: 24 }),
    count: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    updatedAt: EpochMillis(),
  },
);

export type Refusal = Static<typeof refusalSchema>;

/** The id of a kiosk's refusal counter for one local day (`YYYY-MM-DD`), hour (0–23) and reason. */
export function refusalId(deviceId: string, day: string, hour: number, reason: string): string {
  return `${deviceId}:${day.replace(/-/g, '')}${String(hour).padStart(2, '0')}:${reason}`;
}

/** Whether a check-in answer's code is a refusal the kiosks count. */
export function isRefusalReason(code: string): code is RefusalReason {
  return (REFUSAL_REASONS as readonly string[]).includes(code);
}
