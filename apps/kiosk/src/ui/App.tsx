import { ContentRotator } from './components/ContentRotator';
import { SessionsToday } from './components/SessionsToday';
import { StatusBar } from './components/StatusBar';
import { formatDate, formatTime } from './format';
import { useKioskState } from './use-kiosk-state';

/** The idle screen (attract loop): hub, clock, today's sessions, info screens, and how to check in. */
export function App() {
  const load = useKioskState();
  if (load.kind === 'loading') return <main className="centered">Avvio del totem…</main>;
  if (load.kind === 'unavailable')
    return (
      <main className="centered" role="alert">
        {load.message}
      </main>
    );
  const { state } = load;
  return (
    <div className="kiosk">
      <header className="kiosk-header">
        <h1>{state.hub.name}</h1>
        <p className="clock">
          <span>{formatDate(state.now, state.hub.timezone)}</span>
          <strong>{formatTime(state.now, state.hub.timezone)}</strong>
        </p>
      </header>
      <main className="kiosk-main">
        <ContentRotator items={state.content} />
        <SessionsToday state={state} />
      </main>
      <aside className="checkin-prompt" aria-live="polite">
        <strong>Mostra la tua tessera per entrare</strong>
        <span lang="en">Show your card to check in</span>
      </aside>
      <StatusBar state={state} />
    </div>
  );
}
