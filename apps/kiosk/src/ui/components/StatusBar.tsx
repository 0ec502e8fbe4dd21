import type { KioskState } from '@vigevano/protocol';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../format';
import styles from './StatusBar.module.css';

/**
 * Always visible: where this kiosk is, whether it reaches the city's server, and when it last did; and, in the
 * kiosk's current language, a full disk and documents too large to send, which need staff.
 */
export function StatusBar({ state }: { state: KioskState }) {
  const { sync, hub, device } = state;
  const { t } = useTranslation();
  return (
    <footer className={styles.statusBar}>
      <span>
        {hub.name} · {device.name}
      </span>
      <span
        className={sync.online ? styles.online : styles.offline}
        role="status"
        title={sync.lastError ?? undefined}
      >
        {sync.online ? 'In linea' : 'Non in linea'}
        {sync.lastSyncAt
          ? ` · ultimo aggiornamento ${formatTime(sync.lastSyncAt, hub.timezone)}`
          : ' · mai aggiornato'}
      </span>
      {sync.diskFull ? (
        <strong className={styles.alert} role="alert" data-testid="disk-full">
          {t('diskFull')}
        </strong>
      ) : null}
      {sync.tooLarge > 0 ? (
        <strong className={styles.alert} data-testid="too-large">
          {t('tooLarge', { count: sync.tooLarge })}
        </strong>
      ) : null}
    </footer>
  );
}
