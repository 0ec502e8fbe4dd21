import type { KioskState } from '@vigevano/protocol';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../format';
import shared from '../shared.module.css';
import styles from './SessionsToday.module.css';

export function SessionsToday({ state }: { state: KioskState }) {
  const { t } = useTranslation();
  const { sessionsToday, hub, now } = state;
  return (
    <section className={styles.sessions} aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('today')}</h2>
      {sessionsToday.length === 0 ? (
        <p className={shared.muted}>{t('noSessions')}</p>
      ) : (
        <ul>
          {sessionsToday.map((s) => (
            <li key={s.id} className={s.endsAt < now ? styles.past : undefined}>
              <span className={styles.time}>
                {formatTime(s.startsAt, hub.timezone)}–{formatTime(s.endsAt, hub.timezone)}
              </span>
              <span lang="it">{s.title}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
