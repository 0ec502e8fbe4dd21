import type { SignageText } from '../text';
import type { PanelSession } from './panel-data';
import styles from './panels.module.css';

/**
 * Sessions as time, title and free places. Titles are staff's Italian, isolated (<bdi lang="it">) so they read
 * left to right inside a mirrored Arabic panel; past sessions are dimmed, not hidden (someone may look for one).
 */
export function SessionList({
  sessions,
  text,
  now,
}: {
  sessions: PanelSession[];
  text: SignageText;
  now: number;
}) {
  if (sessions.length === 0) return <p className={styles.muted}>{text.noSessions}</p>;
  return (
    <ul className={styles.sessions}>
      {sessions.map((s) => (
        <li key={s.key} className={s.endsAt < now ? styles.past : undefined}>
          <bdi className={styles.time}>
            {text.time(s.startsAt)}–{text.time(s.endsAt)}
          </bdi>
          <bdi lang="it" className={styles.title}>
            {s.title}
          </bdi>
          {s.freePlaces === null ? null : (
            <span className={s.freePlaces === 0 ? styles.full : styles.places}>
              {s.freePlaces === 0 ? text.full : text.freePlaces(s.freePlaces)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
