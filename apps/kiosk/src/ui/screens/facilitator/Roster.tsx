import type { KioskRosterEntry, RosterMark, Session } from '@vigevano/protocol';
import { useEffect, useState } from 'react';
import { formatTime } from '../../format';
import { kioskApi } from '../../kiosk-api';
import shared from '../../shared.module.css';
import { ReasonForm } from './ReasonForm';
import styles from './Roster.module.css';
import { rosterTimeLines } from './roster-times';

/** The marks: a row's button (`label`) and the selected rows' (`bulk`); an excuse first asks for the reason. */
const MARKS: readonly { mark: RosterMark; label: string; bulk: string }[] = [
  { mark: 'present', label: 'Presente', bulk: 'Segna presenti i selezionati' },
  { mark: 'absent', label: 'Assente', bulk: 'Segna assenti i selezionati' },
  { mark: 'excused', label: 'Giustificato', bulk: 'Giustifica i selezionati' },
];
const MARK_LABEL = { present: 'presente', absent: 'assente', excused: 'giustificato', unknown: '—' } as const;

type Person = { cardId: string; alias: string };
/** What waits for a reason: an excuse for some people, or the annulment of one check-in. */
type Asking =
  | { kind: 'excuse'; people: Person[] }
  | { kind: 'annul'; checkinId: string; alias: string; at: number };

/** The check-in a row's "Annulla ingresso" annuls: the first one still counted (the one the hours start from). */
function annullable(entry: KioskRosterEntry) {
  return entry.events.find((e) => e.direction === 'in' && !e.annulled);
}

/**
 * A session's roster, live: check-ins at any kiosk of the hub fill it. While the session is planned or open, the
 * facilitator marks each row present, absent or excused (with a reason), or many rows at once (checkboxes, one
 * hub call, all or nothing), and annuls a check-in of today made by mistake (with a reason). Each row shows its
 * entries and exits with late arrival and early exit, and the time attended. A closed or cancelled session's
 * roster is read-only (the hub refuses marks on it too).
 */
export function Roster({
  token,
  session,
  timeZone,
  readOnly,
  onError,
}: {
  token: string;
  session: Pick<Session, 'id' | 'startsAt' | 'endsAt'>;
  timeZone: string;
  readOnly: boolean;
  onError: (m: string) => void;
}) {
  const sessionId = session.id;
  const [roster, setRoster] = useState<KioskRosterEntry[] | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [asking, setAsking] = useState<Asking | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const sub = kioskApi.rosterChanges.subscribe(
      { token, sessionId },
      { onData: setRoster, onError: (e) => onError(e.message) },
    );
    return () => sub.unsubscribe();
  }, [token, sessionId, onError]);

  /** One mark for `people`: one row through `mark`, several through `markMany` (one write, all or nothing). */
  const mark = async (people: Person[], attendance: RosterMark, excuseReason?: string) => {
    const reason = excuseReason === undefined ? {} : { excuseReason };
    const [one] = people;
    if (people.length === 1 && one)
      await kioskApi.mark.mutate({ token, sessionId, ...one, attendance, ...reason });
    else await kioskApi.markMany.mutate({ token, sessionId, people, attendance, ...reason });
  };
  /** A mark that needs no reason: its refusal shows above the roster. */
  const markNow = async (people: Person[], attendance: RosterMark) => {
    setError(null);
    try {
      await mark(people, attendance);
      if (people.length > 1) setSelected(new Set());
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!roster) return <p>Caricamento dell'elenco…</p>;
  if (roster.length === 0)
    return <p className={shared.muted}>Ancora nessuno: chi passa la tessera compare qui.</p>;
  const person = (e: KioskRosterEntry): Person => ({ cardId: e.cardId, alias: e.alias });
  const chosen = roster.filter((e) => selected.has(e.cardId)).map(person);
  const allChosen = chosen.length === roster.length;
  const toggle = (cardId: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(cardId)) next.add(cardId);
      return next;
    });

  return (
    <>
      {error ? (
        <p role="alert" className={shared.error}>
          {error}
        </p>
      ) : null}
      {readOnly ? null : (
        <fieldset className={styles.bulk} aria-label="Segna più persone">
          <span>Selezionati: {chosen.length}</span>
          {MARKS.map(({ mark, bulk }) => (
            <button
              key={mark}
              type="button"
              className={mark === 'present' ? undefined : shared.secondary}
              disabled={chosen.length === 0}
              onClick={() =>
                mark === 'excused' ? setAsking({ kind: 'excuse', people: chosen }) : markNow(chosen, mark)
              }
            >
              {bulk}
            </button>
          ))}
        </fieldset>
      )}
      {asking?.kind === 'excuse' ? (
        <ReasonForm
          key={asking.people.map((p) => p.cardId).join()}
          title={`Giustifica ${asking.people.map((p) => p.alias).join(', ')}`}
          confirmLabel="Conferma"
          onCancel={() => setAsking(null)}
          onConfirm={async (reason) => {
            await mark(asking.people, 'excused', reason);
            if (asking.people.length > 1) setSelected(new Set());
            setAsking(null);
          }}
        />
      ) : null}
      {asking?.kind === 'annul' ? (
        <ReasonForm
          key={asking.checkinId}
          title={`Annulla l'ingresso di ${asking.alias} delle ${formatTime(asking.at, timeZone)}`}
          confirmLabel="Conferma annullamento"
          onCancel={() => setAsking(null)}
          onConfirm={async (reason) => {
            await kioskApi.annulCheckin.mutate({ token, checkinId: asking.checkinId, reason });
            setAsking(null);
          }}
        />
      ) : null}
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
            {readOnly ? null : (
              <td>
                <input
                  type="checkbox"
                  className={styles.check}
                  aria-label="Seleziona tutti"
                  checked={allChosen}
                  onChange={() => setSelected(allChosen ? new Set() : new Set(roster.map((e) => e.cardId)))}
                />
              </td>
            )}
            <th scope="col">Nome</th>
            <th scope="col">Presenza</th>
            <th scope="col">Orari</th>
            {readOnly ? null : <th scope="col">Segna</th>}
          </tr>
        </thead>
        <tbody>
          {roster.map((e) => {
            const checkin = annullable(e);
            return (
              <tr key={e.id}>
                {readOnly ? null : (
                  <td>
                    <input
                      type="checkbox"
                      className={styles.check}
                      aria-label={`Seleziona ${e.alias}`}
                      checked={selected.has(e.cardId)}
                      onChange={() => toggle(e.cardId)}
                    />
                  </td>
                )}
                {/* Named by the alias alone: a row is found by its person ("senza iscrizione" is a detail). */}
                <th scope="row" dir="auto" aria-label={e.alias}>
                  {e.alias}
                  {e.walkIn ? <span className={styles.detail}>senza iscrizione</span> : null}
                </th>
                <td>
                  {MARK_LABEL[e.attendance]}
                  {e.attendance === 'excused' && e.excuseReason ? (
                    <span className={styles.detail}>Motivo: {e.excuseReason}</span>
                  ) : null}
                </td>
                <td>
                  {rosterTimeLines(e, session, timeZone).map((line) => (
                    <span key={line.text + (line.annulled ?? '')} className={styles.detail}>
                      {line.annulled ? (
                        <>
                          <del>{line.text}</del> ({line.annulled})
                        </>
                      ) : (
                        line.text
                      )}
                    </span>
                  ))}
                </td>
                {readOnly ? null : (
                  <td>
                    <div className={styles.marks}>
                      {MARKS.map(({ mark, label }) => (
                        <button
                          key={mark}
                          type="button"
                          // the mark a person has is the one filled in; the others are outlined, so a row
                          // reads at a glance (a filled "Presente" on every row read as "present")
                          className={e.attendance === mark ? undefined : shared.secondary}
                          aria-pressed={e.attendance === mark}
                          onClick={() =>
                            mark === 'excused'
                              ? setAsking({ kind: 'excuse', people: [person(e)] })
                              : markNow([person(e)], mark)
                          }
                        >
                          {label}
                        </button>
                      ))}
                      {checkin ? (
                        <button
                          type="button"
                          className={shared.secondary}
                          onClick={() =>
                            setAsking({
                              kind: 'annul',
                              checkinId: checkin.id,
                              alias: e.alias,
                              at: checkin.at,
                            })
                          }
                        >
                          Annulla ingresso
                        </button>
                      ) : null}
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
