import { type Static, Type } from 'typebox';
import { errorResponses } from './schema';

/**
 * A kiosk's clock more than five minutes off is flagged (the Devices page) and alerted: its check-ins keep their
 * order (hybrid logical clock), but times shown at the kiosk and "today" at midnight are wrong until someone sets
 * the clock (or enables NTP). The one place of this rule: the dashboard and the server's alerts both read it.
 */
export const CLOCK_SKEW_WARN_MS = 5 * 60_000;

/** Whether a clock offset (kiosk minus server, ms; null when unknown) is beyond CLOCK_SKEW_WARN_MS either way. */
export function isClockSkewed(offsetMs: number | null, limitMs: number = CLOCK_SKEW_WARN_MS): boolean {
  return offsetMs !== null && Math.abs(offsetMs) > limitMs;
}

/**
 * What an alert is about: a kiosk silent past the threshold, a kiosk whose disk is full or nearly full, a kiosk whose clock is
 * off, a kiosk with many documents it has not pushed, the server's report tables far behind the documents.
 */
export const ALERT_KINDS = [
  'device_silent',
  'disk_full',
  'disk_low',
  'clock_skew',
  'push_backlog',
  'report_lag',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** One open alert, as /api/alerts answers it and the webhook sends it. */
export const Alert = Type.Object(
  {
    /** stable while the alert stays open: kind and subject (`device_silent:<deviceId>`) */
    id: Type.String(),
    kind: Type.Enum(ALERT_KINDS),
    severity: Type.Enum(['warning', 'critical']),
    deviceId: Type.Union([Type.String(), Type.Null()]),
    deviceName: Type.Union([Type.String(), Type.Null()]),
    hubId: Type.Union([Type.String(), Type.Null()]),
    hubName: Type.Union([Type.String(), Type.Null()]),
    /** when the condition began as far as the server knows (ms since the epoch) */
    since: Type.Number(),
    /** for people, in Italian */
    message: Type.String(),
  },
  { additionalProperties: false },
);
export type Alert = Static<typeof Alert>;

/** GET /api/alerts: the alerts open now, most severe first. */
export const AlertList = Type.Object(
  { alerts: Type.Array(Alert), evaluatedAt: Type.Number() },
  { additionalProperties: false },
);
export type AlertList = Static<typeof AlertList>;

/** The body the alert webhook (ALERT_WEBHOOK_URL) receives when an alert opens or closes. */
export const AlertWebhookEvent = Type.Object(
  {
    event: Type.Enum(['opened', 'closed']),
    alert: Alert,
    /** when the server noticed the change (ms since the epoch) */
    at: Type.Number(),
  },
  { additionalProperties: false },
);
export type AlertWebhookEvent = Static<typeof AlertWebhookEvent>;

export const alertRoutes = {
  /** coordinators and admins, who look after the kiosks */
  list: {
    method: 'GET',
    path: '/api/alerts',
    schema: {
      summary: 'The alerts open now, most severe first (coordinators and admins)',
      tags: ['alerts'],
      response: { 200: AlertList, ...errorResponses },
    },
  },
} as const;
