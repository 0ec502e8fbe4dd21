import type { KioskState } from '@vigevano/protocol';
import { formatTime } from '../format';

const KIND_LABEL = { lesson: 'Corso', workshop: 'Laboratorio', desk: 'Sportello' } as const;

export function SessionsToday({ state }: { state: KioskState }) {
  const { sessionsToday, hub, now } = state;
  return (
    <section className="sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Oggi all'hub</h2>
      {sessionsToday.length === 0 ? (
        <p className="muted">Nessuna attività in programma oggi.</p>
      ) : (
        <ul>
          {sessionsToday.map((s) => (
            <li key={s.id} className={s.endsAt < now ? 'past' : undefined}>
              <span className="time">
                {formatTime(s.startsAt, hub.timezone)}–{formatTime(s.endsAt, hub.timezone)}
              </span>
              <span className="kind">{KIND_LABEL[s.kind]}</span>
              <span className="title">{s.title}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
