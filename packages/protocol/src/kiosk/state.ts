import type { Content } from '../collections/content';
import type { Notice } from '../collections/notices';
import type { Session } from '../collections/sessions';

/**
 * What the kiosk UI shows when idle, as the hub service computes it: the UI holds no keys and reads no database.
 * Times are milliseconds since the epoch; the UI formats them in the hub's time zone.
 */
export interface KioskState {
  hub: {
    id: string;
    name: string;
    area: string;
    address: string;
    timezone: string;
    /** the hub records exits: the idle screen offers "I am leaving" */
    usesCheckout: boolean;
  };
  device: { id: string; name: string };
  /** this hub's sessions that end today or later today, in start order */
  sessionsToday: Session[];
  /** content to show now (published, in schedule, for this hub or the city), highest priority first */
  content: Content[];
  /**
   * urgent notices aimed at this kiosk and not over yet, earliest start first (kiosk/notices.ts): the UI shows one
   * from its start to its end by its own timer (noticeOnScreen, nextNoticeChange), not at the next state
   */
  notices: Notice[];
  sync: {
    /** the last contact with the sync server succeeded */
    online: boolean;
    lastSyncAt: number | null;
    /** documents made here that the server has not accepted yet */
    waiting: number;
    /** why the last attempt failed, in Italian for the facilitator's status bar */
    lastError: string | null;
    /** the kiosk's disk is full: check-ins are refused with a clear message and sync waits until space is freed */
    diskFull: boolean;
    /** documents kept on the kiosk because one alone exceeds the server's push limit (reported to the dashboard) */
    tooLarge: number;
  };
  now: number;
}

/** The hub service's HTTP API on 127.0.0.1, used by the kiosk UI (in Electron or in a plain Chromium). */
export const kioskRoutes = {
  state: { method: 'GET', path: '/api/kiosk/state' },
} as const;
