import { type Notice, noticeEnd } from '../collections/notices';
import { type TargetKiosk, targetsKiosk } from './targeting';

/**
 * The urgent notices kiosk `kiosk` has to show now or later: aimed at it (targeting.ts) and not over at `now`
 * (epoch ms; over means past `endsAt` or ended early), earliest start first. A notice whose start is still ahead
 * is kept so the kiosk can show it on time without waiting for a new state; the kiosk shows one when
 * startsAt <= now < noticeEnd(notice).
 */
export function noticesForKiosk(notices: readonly Notice[], kiosk: TargetKiosk, now: number): Notice[] {
  return notices
    .filter((n) => targetsKiosk(n, kiosk) && now < noticeEnd(n))
    .sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));
}

/** The notice to show at `now`: among those started and not over, the latest started (a newer one covers). */
export function noticeOnScreen(notices: readonly Notice[], now: number): Notice | undefined {
  let shown: Notice | undefined;
  for (const n of notices)
    if (n.startsAt <= now && now < noticeEnd(n) && (!shown || n.startsAt >= shown.startsAt)) shown = n;
  return shown;
}

/** The next moment (epoch ms) after `now` when the notice on screen changes (a start or an end), if any. */
export function nextNoticeChange(notices: readonly Notice[], now: number): number | undefined {
  let next: number | undefined;
  for (const n of notices)
    for (const at of [n.startsAt, noticeEnd(n)]) if (at > now && (next === undefined || at < next)) next = at;
  return next;
}
