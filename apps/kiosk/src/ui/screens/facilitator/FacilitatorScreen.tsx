import type { Session } from '@vigevano/protocol';
import { useCallback, useEffect, useState } from 'react';
import { formatTime } from '../../format';
import { KeyboardScope, TouchField } from '../../keyboard/KeyboardScope';
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
/** Sessions still to run or running: "today". Closed and cancelled ones are done, shown apart and read-only. */
const RUNNING: ReadonlySet<Session['status']> = new Set(['planned', 'open']);
/**
 * Facilitator mode, offline, on a touch screen: today's sessions (planned and open); open one and the kiosk checks
 * people into it; the roster fills live; close it with notes; issue and print cards. Closed and cancelled sessions
 * of the day are listed apart, read-only. Every field types on the docked on-screen keyboard. Staff-facing, in
 * Italian, with the facilitator who opened the mode named in the header.
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
  const running = sessions.filter((s) => RUNNING.has(s.status));
  const done = sessions.filter((s) => !RUNNING.has(s.status));
  const list = (id: string, title: string, items: Session[]) => (
    <>
      <h2 id={id}>{title}</h2>
      <ul className={styles.sessionList} aria-labelledby={id}>
        {items.map((s) => (
          <li key={s.id} aria-current={s.id === selected}>
            <button type="button" className={styles.link} onClick={() => setSelected(s.id)}>
              {formatTime(s.startsAt, timeZone)} {s.title}
            </button>
            <span className={styles.status}>{STATUS_LABEL[s.status]}</span>
          </li>
        ))}
      </ul>
    </>
  );
  return (
    <main className={styles.facilitator} lang="it" dir="ltr">
      <KeyboardScope>
        <header className={styles.header}>
          <h1>
            Facilitatore: <bdi>{name}</bdi>
          </h1>
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
            {list('sessions-today', 'Attività di oggi', running)}
            {running.length === 0 ? (
              <p className={shared.muted}>Nessuna attività in corso o in programma.</p>
            ) : null}
            <NewSession
              token={token}
              timeZone={timeZone}
              onError={reportError}
              onCreated={(s) => {
                setSelected(s.id);
                void reload();
              }}
            />
            {done.length > 0 ? list('sessions-done', 'Concluse oggi (sola lettura)', done) : null}
          </section>
          {current ? (
            <section aria-label={current.title} className={styles.session}>
              <h2>{current.title}</h2>
              <div className={shared.actions}>
                {current.status === 'planned' ? (
                  <button type="button" onClick={() => setStatus(current, 'open')}>
                    Apri e registra le presenze qui
                  </button>
                ) : null}
                {current.status === 'open' && activeSessionId !== current.id ? (
                  <button
                    type="button"
                    onClick={() => onUseSession({ id: current.id, title: current.title })}
                  >
                    Registra le presenze qui
                  </button>
                ) : null}
              </div>
              {RUNNING.has(current.status) ? null : (
                <p className={shared.muted}>
                  Attività {STATUS_LABEL[current.status]}: l'elenco non si modifica più.
                </p>
              )}
              <Roster
                token={token}
                session={current}
                timeZone={timeZone}
                readOnly={!RUNNING.has(current.status)}
                onError={reportError}
              />
              {current.status === 'open' ? (
                <div className={styles.closeSession}>
                  <TouchField
                    label="Note di chiusura"
                    kind="name"
                    multiline
                    value={notes}
                    onChange={setNotes}
                    maxLength={4000}
                  />
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
      </KeyboardScope>
    </main>
  );
}
