import { correctionRoutes, type RosterEntry, registerRoutes, sessionsReportRoutes } from '@vigevano/protocol';
import { useState } from 'react';
import { api, apiUrl } from '../../api';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { Status } from '../../components/Status';
import { fmtDateTime, fmtTime } from '../../lib/format';
import { useApi } from '../../lib/use-api';

const ATTENDANCE_LABEL = {
  unknown: 'non segnato',
  present: 'presente',
  absent: 'assente',
  excused: 'giustificato',
} as const;

type Mark = 'present' | 'absent';

const hours = (minutes: number) =>
  `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;

/** Arrived late, left early: what a register notes beside the hours. */
function timing(r: RosterEntry): string {
  const notes = [r.late ? 'in ritardo' : '', r.leftEarly ? 'uscita anticipata' : ''].filter(Boolean);
  return notes.length > 0 ? notes.join(', ') : '–';
}

/** A one-line form asking why (an excuse, an annulment), inside a table cell. */
function ReasonForm(props: {
  label: string;
  submit: string;
  minLength: number;
  reason: string;
  onReason: (reason: string) => void;
  onSubmit: () => Promise<void>;
}) {
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit();
      }}
    >
      <label>
        {props.label}
        <input
          value={props.reason}
          onChange={(e) => props.onReason(e.target.value)}
          required
          minLength={props.minLength}
          maxLength={200}
        />
      </label>
      <button type="submit">{props.submit}</button>
    </form>
  );
}

/**
 * A session's roster (admin and the hub's lead): each participant's mark, hours attended, late arrival and early
 * exit; attendance set for many at once (present, absent) or one excused with a reason; the session's check-ins,
 * each annullable with a reason, and the annulled ones with who, when and why. Writes go to the server, which
 * passes them on to the hub's kiosks.
 */
export function RosterPanel({ sessionId, onClose }: { sessionId: string; onClose: () => void }) {
  const [result, reload] = useApi(sessionsReportRoutes.roster, { params: { sessionId } });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [excusing, setExcusing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [annulling, setAnnulling] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const roster = result.data;

  async function write(work: () => Promise<unknown>, message: string) {
    setError(null);
    setDone(null);
    try {
      await work();
      setDone(message);
      setChosen(new Set());
      setExcusing(null);
      setAnnulling(null);
      setReason('');
      reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Operazione non riuscita.');
    }
  }
  const markChosen = (attendance: Mark) =>
    write(
      () =>
        api(correctionRoutes.marks, {
          params: { sessionId },
          body: { marks: [...chosen].map((cardId) => ({ cardId, attendance })) },
        }),
      `${chosen.size} ${chosen.size === 1 ? 'partecipante segnato' : 'partecipanti segnati'} ${ATTENDANCE_LABEL[attendance]}.`,
    );
  const toggle = (cardId: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(cardId)) next.delete(cardId);
      else next.add(cardId);
      return next;
    });

  return (
    <section className="panel roster" aria-labelledby="roster-title">
      <div className="panel-head">
        <h2 id="roster-title">
          {roster ? `Elenco: ${roster.session.title}, ${fmtDateTime(roster.session.startsAt)}` : 'Elenco'}
        </h2>
        {/* the funder's paper: the same roles see the roster and may print its register (ACCESS registri-presenze) */}
        <a
          className="button secondary"
          href={apiUrl(registerRoutes.session, { params: { sessionId } })}
          target="_blank"
          rel="noreferrer"
        >
          Registro presenze (PDF)
        </a>
        <button type="button" className="secondary" onClick={onClose}>
          Chiudi elenco
        </button>
      </div>
      <Status result={result} />
      <FormError error={error} />
      {done ? (
        <p role="status" className="notice">
          {done}
        </p>
      ) : null}
      {roster ? (
        <>
          {roster.session.notes ? (
            <blockquote>
              <strong>Note del facilitatore:</strong> {roster.session.notes}
            </blockquote>
          ) : null}
          <fieldset className="row">
            <legend className="visually-hidden">Segna i partecipanti scelti</legend>
            <button type="button" disabled={chosen.size === 0} onClick={() => markChosen('present')}>
              Segna presenti ({chosen.size})
            </button>
            <button
              type="button"
              className="secondary"
              disabled={chosen.size === 0}
              onClick={() => markChosen('absent')}
            >
              Segna assenti ({chosen.size})
            </button>
          </fieldset>
          <DataTable
            caption={`Partecipanti iscritti: ore dalle ${fmtTime(roster.session.startsAt)} alle ${fmtTime(roster.session.endsAt)}${roster.usesCheckout ? ', tagliate da ingresso e uscita' : ', tagliate dall’ingresso'}`}
            className="roster-table"
            rows={roster.roster}
            rowKey={(r) => r.cardId}
            columns={[
              {
                label: 'Scegli',
                value: (r) => (
                  <input
                    type="checkbox"
                    checked={chosen.has(r.cardId)}
                    onChange={() => toggle(r.cardId)}
                    aria-label={`Scegli ${r.alias}`}
                  />
                ),
              },
              { label: 'Nome sulla tessera', value: (r) => r.alias, rowHeader: true },
              {
                label: 'Presenza',
                value: (r) =>
                  r.attendance === 'excused' && r.excuseReason
                    ? `giustificato: ${r.excuseReason}`
                    : ATTENDANCE_LABEL[r.attendance],
              },
              { label: 'Ore', value: (r) => hours(r.minutes), numeric: true },
              { label: 'Ingresso', value: (r) => (r.inAt === null ? '–' : fmtTime(r.inAt)) },
              { label: 'Orario', value: timing },
              { label: 'Segnato da', value: (r) => r.markedBy ?? '–' },
              {
                label: 'Giustifica',
                value: (r) =>
                  excusing === r.cardId ? (
                    <ReasonForm
                      label="Motivo"
                      submit="Salva"
                      minLength={1}
                      reason={reason}
                      onReason={setReason}
                      onSubmit={() =>
                        write(
                          () =>
                            api(correctionRoutes.marks, {
                              params: { sessionId },
                              body: {
                                marks: [{ cardId: r.cardId, attendance: 'excused', excuseReason: reason }],
                              },
                            }),
                          `${r.alias}: assenza giustificata.`,
                        )
                      }
                    />
                  ) : (
                    <button type="button" className="link" onClick={() => setExcusing(r.cardId)}>
                      Giustifica<span className="visually-hidden"> {r.alias}</span>
                    </button>
                  ),
              },
            ]}
          />
          <DataTable
            caption="Ingressi al totem per questa sessione"
            className="session-checkins"
            rows={roster.checkins}
            rowKey={(c) => c.id}
            columns={[
              { label: 'Ora', value: (c) => fmtTime(c.at), rowHeader: true },
              { label: 'Tessera', value: (c) => c.alias || (c.cardId ? 'non in elenco' : 'ospite') },
              { label: 'Verso', value: (c) => (c.direction === 'out' ? 'uscita' : 'ingresso') },
              {
                label: 'Stato',
                value: (c) =>
                  c.annulment ? (
                    <span>
                      annullato da {c.annulment.annulledBy} il {fmtDateTime(c.annulment.annulledAt)}:{' '}
                      {c.annulment.reason}
                    </span>
                  ) : annulling === c.id ? (
                    <ReasonForm
                      label="Perché"
                      submit="Conferma annullamento"
                      minLength={3}
                      reason={reason}
                      onReason={setReason}
                      onSubmit={() =>
                        write(
                          () =>
                            api(correctionRoutes.annul, { params: { checkinId: c.id }, body: { reason } }),
                          'Ingresso annullato: non conta più nei rapporti.',
                        )
                      }
                    />
                  ) : (
                    <button type="button" className="link" onClick={() => setAnnulling(c.id)}>
                      Annulla<span className="visually-hidden"> ingresso delle {fmtTime(c.at)}</span>
                    </button>
                  ),
              },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}
