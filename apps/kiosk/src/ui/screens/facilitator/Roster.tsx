import type { Enrolment } from '@vigevano/protocol';
import { useEffect, useState } from 'react';
import { kioskApi } from '../../kiosk-api';
import shared from '../../shared.module.css';
import styles from './Roster.module.css';

/**
 * A session's roster, live: check-ins at any kiosk of the hub fill it; present/absent by hand while the session
 * is planned or open. A closed or cancelled session's roster is read-only (the hub refuses marks on it too).
 */
export function Roster({
  token,
  sessionId,
  readOnly,
  onError,
}: {
  token: string;
  sessionId: string;
  readOnly: boolean;
  onError: (m: string) => void;
}) {
  const [roster, setRoster] = useState<Enrolment[] | null>(null);
  useEffect(() => {
    const sub = kioskApi.rosterChanges.subscribe(
      { token, sessionId },
      { onData: setRoster, onError: (e) => onError(e.message) },
    );
    return () => sub.unsubscribe();
  }, [token, sessionId, onError]);
  const mark = async (e: Enrolment, attendance: 'present' | 'absent') => {
    try {
      await kioskApi.mark.mutate({ token, sessionId, cardId: e.cardId, alias: e.alias, attendance });
    } catch (error) {
      onError((error as Error).message);
    }
  };
  if (!roster) return <p>Caricamento dell'elenco…</p>;
  if (roster.length === 0)
    return <p className={shared.muted}>Ancora nessuno: chi passa la tessera compare qui.</p>;
  return (
    <table className={styles.roster}>
      <caption>
        Presenti: {roster.filter((r) => r.attendance === 'present').length} su {roster.length}{' '}
        <a
          className={styles.register}
          href={`/print/register/${sessionId}?t=${encodeURIComponent(token)}`}
          target="_blank"
          rel="noreferrer"
        >
          Stampa il registro (PDF)
        </a>
      </caption>
      <thead>
        <tr>
          <th scope="col">Nome</th>
          <th scope="col">Presenza</th>
          {readOnly ? null : <th scope="col">Segna</th>}
        </tr>
      </thead>
      <tbody>
        {roster.map((e) => (
          <tr key={e.id}>
            <th scope="row" dir="auto">
              {e.alias}
              {e.walkIn ? ' (senza iscrizione)' : ''}
            </th>
            <td>
              {
                { present: 'presente', absent: 'assente', excused: 'giustificato', unknown: '—' }[
                  e.attendance
                ]
              }
            </td>
            {readOnly ? null : (
              <td>
                <button
                  type="button"
                  aria-pressed={e.attendance === 'present'}
                  onClick={() => mark(e, 'present')}
                >
                  Presente
                </button>
                <button
                  type="button"
                  className={shared.secondary}
                  aria-pressed={e.attendance === 'absent'}
                  onClick={() => mark(e, 'absent')}
                >
                  Assente
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
