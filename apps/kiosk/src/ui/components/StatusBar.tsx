import type { KioskState, Language } from '@vigevano/protocol';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../format';
import styles from './StatusBar.module.css';

/**
 * Always visible, in the visit's language: where this kiosk is, whether it reaches the city's server, and when it
 * last did; a full disk and documents too large to send, which need staff. The hub's and the kiosk's names are
 * isolated (<bdi>): a Latin name inside the mirrored Arabic bar keeps its place.
 */
export function StatusBar({ state }: { state: KioskState }) {
  const { sync, hub, device } = state;
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <footer className={styles.statusBar}>
      <span>
        <bdi>{hub.name}</bdi> · <bdi>{device.name}</bdi>
      </span>
      <span
        className={sync.online ? styles.online : styles.offline}
        role="status"
        title={sync.lastError ?? undefined}
      >
        {sync.online ? t('online') : t('offline')} ·{' '}
        {sync.lastSyncAt
          ? t('lastSync', { time: formatTime(sync.lastSyncAt, hub.timezone, language) })
          : t('neverSynced')}
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
