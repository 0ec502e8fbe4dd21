import { type AttendanceMark, attendedTime, type PresenceEvent } from '@vigevano/protocol';
import type { RegisterLine } from './register-pdf';

/** One person on a session's roster, with what the register needs to know of them. */
export interface RosterEntry {
  cardId: string;
  /** the person's name, or the card's alias when no personal data were recorded */
  name: string;
  mark: AttendanceMark;
  excuseReason?: string;
}

/** A check-in or check-out of a card at the session. */
export interface CardPresenceEvent extends PresenceEvent {
  /** the check-in's id, so annulled ones can be left out */
  id: string;
  cardId: string;
}

// one collator for every sort: localeCompare(…, 'it') looks the locale up again on each of the sort's comparisons
const byItalianName = new Intl.Collator('it');

/**
 * A session's register lines, sorted by name: each roster entry with its in, out and minutes by attendedTime
 * (packages/protocol). Check-ins whose ids are in `annulled` count as never made (issue 18, item 5: an annulled
 * check-in is absent from hours). The same function serves the server and the kiosk, so both print the same hours.
 *
 * @param session the session's times, epoch ms
 * @param usesCheckout whether the hub records check-outs (hub document `usesCheckout`)
 */
export function registerLines(
  session: { startsAt: number; endsAt: number },
  roster: readonly RosterEntry[],
  events: readonly CardPresenceEvent[],
  usesCheckout: boolean,
  annulled: ReadonlySet<string> = new Set(),
): RegisterLine[] {
  const byCard = new Map<string, PresenceEvent[]>();
  for (const e of events) {
    if (annulled.has(e.id)) continue;
    const list = byCard.get(e.cardId) ?? [];
    list.push({ direction: e.direction, at: e.at });
    byCard.set(e.cardId, list);
  }
  return roster
    .map((r) => {
      const t = attendedTime(session, r.mark, byCard.get(r.cardId) ?? [], usesCheckout);
      const mark: RegisterLine['mark'] = r.mark === 'unknown' && t.minutes > 0 ? 'present' : r.mark;
      return {
        name: r.name,
        mark,
        inAt: t.inAt,
        outAt: t.outAt,
        minutes: t.minutes,
        late: t.late,
        leftEarly: t.leftEarly,
        ...(r.excuseReason && r.mark === 'excused' ? { excuseReason: r.excuseReason } : {}),
      };
    })
    .sort((a, b) => byItalianName.compare(a.name, b.name));
}
