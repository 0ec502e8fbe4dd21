import type { Session } from '@vigevano/protocol';
import { useCallback, useEffect, useState } from 'react';
import { formatTime } from '../../format';
import { kioskApi } from '../../kiosk-api';
import shared from '../../shared.module.css';
import styles from './FacilitatorScreen.module.css';
import { IssueCard } from './IssueCard';
import { NewSession } from './NewSession';
import { Roster } from './Roster';

const STATUS_LABEL = {
  planned: 'in programma',
  open: 'aperta',
  closed: 'chiusa',
  cancelled: 'annullata',
} as const;

/**
 * Facilitator mode, offline: today's sessions; open one and the kiosk checks people into it; the roster fills
 * live; close it with notes; issue and print cards. Staff-facing, in Italian.
 */
export function FacilitatorScreen({
  token,
  name,
  timeZone,
  activeSessionId,
  onUseSession,
  onExit,
}: {
  token: string;
  name: string;
  timeZone: string;
  activeSessionId: string | null;
  onUseSession: (session: { id: string; title: string } | null) => void;
  onExit: () => void;
}) {
  const [sessions, setSessions] = useState<Session[]>([]);
  const [selected, setSelected] = useState<string | null>(activeSessionId);
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const reportError = useCallback((message: string) => setError(message), []);
  const reload = useCallback(async () => {
    try {
      setSessions(await kioskApi.sessionsToday.query({ token }));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [token]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const setStatus = async (session: Session, status: 'open' | 'closed' | 'cancelled') => {
    setError(null);
    try {
      await kioskApi.setStatus.mutate({
        token,
        sessionId: session.id,
        status,
        ...(status === 'closed' ? { notes } : {}),
      });
      if (status === 'open') onUseSession({ id: session.id, title: session.title });
      if (status !== 'open' && activeSessionId === session.id) onUseSession(null);
      setNotes('');
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const current = sessions.find((s) => s.id === selected);
  return (
    <main className={styles.facilitator} lang="it" dir="ltr">
      <header className={styles.header}>
        <h1>Facilitatore: {name}</h1>
        <button type="button" className={shared.secondary} onClick={onExit}>
          Esci dalla modalità facilitatore
        </button>
      </header>
      {error ? (
        <p role="alert" className={shared.error}>
          {error}
        </p>
      ) : null}
      <div className={styles.grid}>
        <section>
          <h2 id="sessions-today">Attività di oggi</h2>
          <ul className={styles.sessionList} aria-labelledby="sessions-today">
            {sessions.map((s) => (
              <li key={s.id} aria-current={s.id === selected}>
                <button type="button" className={styles.link} onClick={() => setSelected(s.id)}>
                  {formatTime(s.startsAt, timeZone)} {s.title}
                </button>
                <span className={styles.status}>{STATUS_LABEL[s.status]}</span>
              </li>
            ))}
          </ul>
          <NewSession
            token={token}
            timeZone={timeZone}
            onError={reportError}
            onCreated={(s) => {
              setSelected(s.id);
              void reload();
            }}
          />
        </section>
        {current ? (
          <section aria-label={current.title}>
            <h2>{current.title}</h2>
            <div className={shared.actions}>
              {current.status === 'planned' ? (
                <button type="button" onClick={() => setStatus(current, 'open')}>
                  Apri e registra le presenze qui
                </button>
              ) : null}
              {current.status === 'open' && activeSessionId !== current.id ? (
                <button type="button" onClick={() => onUseSession({ id: current.id, title: current.title })}>
                  Registra le presenze qui
                </button>
              ) : null}
            </div>
            <Roster token={token} sessionId={current.id} onError={reportError} />
            {current.status === 'open' ? (
              <div className={styles.closeSession}>
                <label>
                  Note di chiusura
                  <textarea value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} />
                </label>
                <button type="button" onClick={() => setStatus(current, 'closed')}>
                  Chiudi l'attività
                </button>
              </div>
            ) : null}
            {current.notes ? <p>Note: {current.notes}</p> : null}
          </section>
        ) : (
          <p className={shared.muted}>Scegli un'attività.</p>
        )}
        <IssueCard token={token} onError={reportError} />
      </div>
    </main>
  );
}
