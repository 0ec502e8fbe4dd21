import type { KioskState } from '@vigevano/protocol';
import { formatTime } from '../format';

/** Always visible: where this kiosk is, whether it reaches the city's server, and when it last did. */
export function StatusBar({ state }: { state: KioskState }) {
  const { sync, hub, device } = state;
  return (
    <footer className="status-bar">
      <span>
        {hub.name} · {device.name}
      </span>
      <span className={sync.online ? 'online' : 'offline'} role="status" title={sync.lastError ?? undefined}>
        {sync.online ? 'In linea' : 'Non in linea'}
        {sync.lastSyncAt
          ? ` · ultimo aggiornamento ${formatTime(sync.lastSyncAt, hub.timezone)}`
          : ' · mai aggiornato'}
      </span>
    </footer>
  );
}
