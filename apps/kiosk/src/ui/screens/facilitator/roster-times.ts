import type { KioskRosterEntry } from '@vigevano/protocol';
import { formatTime } from '../../format';

const MINUTE = 60_000;

/** One line of a roster row's times, in Italian for the facilitator; `annulled` lines are shown struck through. */
export interface TimeLine {
  text: string;
  /** why and by whom the event was annulled ("annullato da Giulia: tessera del fratello") */
  annulled?: string;
}

/** Whole minutes as the register writes hours: "2 h", "1 h 48 min", "45 min". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * The times of one roster row (issue 18, item 4): each check-in and check-out at the session in the hub's time zone
 * ("entrata 10:12 (in ritardo di 12 min)", "uscita 11:40 (in anticipo di 20 min)"; late and early as
 * attendedTime() decides, with its grace period), annulled ones with who and why, then the time attended
 * ("presenza: 1 h 48 min") when the participant counts as present.
 *
 * @param session the session's times, epoch ms
 */
export function rosterTimeLines(
  entry: Pick<KioskRosterEntry, 'events' | 'attended'>,
  session: { startsAt: number; endsAt: number },
  timeZone: string,
): TimeLine[] {
  const { attended } = entry;
  const lines: TimeLine[] = entry.events.map((e) => {
    const time = formatTime(e.at, timeZone);
    if (e.annulled)
      return {
        text: `${e.direction === 'in' ? 'entrata' : 'uscita'} ${time}`,
        annulled: `annullato da ${e.annulled.by}: ${e.annulled.reason}`,
      };
    if (e.direction === 'in') {
      const late = attended.late && e.at === attended.inAt;
      const by = Math.round((e.at - session.startsAt) / MINUTE);
      return { text: `entrata ${time}${late ? ` (in ritardo di ${by} min)` : ''}` };
    }
    const early = attended.leftEarly && e.at === attended.outAt;
    const by = Math.round((session.endsAt - e.at) / MINUTE);
    return { text: `uscita ${time}${early ? ` (in anticipo di ${by} min)` : ''}` };
  });
  if (attended.minutes > 0) lines.push({ text: `presenza: ${formatMinutes(attended.minutes)}` });
  return lines;
}
