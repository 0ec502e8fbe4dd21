import type { KioskState, Language } from '@vigevano/protocol';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../format';
import shared from '../shared.module.css';
import styles from './SessionsToday.module.css';

/**
 * Today's sessions at the hub, times in the visit's language; titles as staff wrote them (Italian), isolated so
 * they read left to right inside the mirrored Arabic list.
 */
export function SessionsToday({ state }: { state: KioskState }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
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
                <bdi>
                  {formatTime(s.startsAt, hub.timezone, language)}–
                  {formatTime(s.endsAt, hub.timezone, language)}
                </bdi>
              </span>
              <bdi lang="it">{s.title}</bdi>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
