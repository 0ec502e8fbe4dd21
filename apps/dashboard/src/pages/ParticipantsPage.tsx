import {
  EXIT_REASONS,
  type ExitReason,
  operationReadRoutes,
  type Participant,
  participantRoutes,
  type WorklistItem,
} from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { optionsOf, SelectField } from '../components/SelectField';
import { Status } from '../components/Status';
import { today } from '../lib/format';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';

const WORK_LABEL: Record<WorklistItem['kind'], string> = {
  snapshot_missing: "dati all'ingresso mancanti",
  exit_results_due: "risultati all'uscita da inserire",
  six_month_results_due: 'risultati a sei mesi da inserire',
};
const FIELD_LABEL: Record<string, string> = {
  birthYear: 'anno di nascita',
  gender: 'genere',
  employment: 'condizione occupazionale',
  education: 'titolo di studio',
  disadvantaged: 'svantaggi',
};
const EXIT_LABEL: Record<ExitReason, string> = {
  completed: 'percorso completato',
  withdrew: 'ritirato',
  found_job: 'ha trovato lavoro',
  moved_away: 'trasferito',
  other: 'altro',
};
const yesNo = (v: boolean | null | undefined) => (v === true ? 'sì' : v === false ? 'no' : '–');

/**
 * Participants of a funded operation (issue 18): enrolment with the entry date (the person's characteristics are
 * copied then, and later edits of their record do not change them), exit and results, and the worklist of what is
 * missing or due across the operations the user sees.
 */
export function ParticipantsPage() {
  const [ops] = useApi(operationReadRoutes.list, {});
  const [operationId, setOperationId] = useState('');
  const [list, reload] = useApi(participantRoutes.list, operationId ? { query: { operationId } } : null);
  const [worklist, reloadWorklist] = useApi(participantRoutes.worklist, {});
  const [notice, setNotice] = useState<string | null>(null);
  const [exiting, setExiting] = useState<Participant | null>(null);
  const done = (m: string) => {
    setNotice(m);
    setExiting(null);
    reload();
    reloadWorklist();
  };

  return (
    <>
      <div className="page-head">
        <h1>Partecipanti</h1>
      </div>
      <Status result={ops} />
      {notice ? (
        <p role="status" className="ok">
          {notice}
        </p>
      ) : null}
      {ops.data ? (
        <SelectField
          label="Operazione"
          value={operationId}
          onChange={setOperationId}
          empty="scegli un'operazione"
          options={ops.data.operations.map((o) => ({ value: o.id, label: `${o.code} – ${o.name}` }))}
        />
      ) : null}
      {operationId ? <EnrolForm operationId={operationId} onDone={done} /> : null}
      {exiting ? <OutcomeForm participant={exiting} onDone={done} onCancel={() => setExiting(null)} /> : null}
      {operationId && list.data ? (
        <DataTable
          caption="Partecipanti dell'operazione"
          rows={list.data.participants}
          rowKey={(p) => p.id}
          columns={[
            { label: 'Nome', value: (p) => p.name || '(dati cancellati)', rowHeader: true },
            { label: 'Ingresso', value: (p) => p.entryDate },
            { label: 'Tessera', value: (p) => (p.cardId ? 'attiva' : 'nessuna: non è nei registri') },
            {
              label: 'Uscita',
              value: (p) => (p.exitDate ? `${p.exitDate} (${EXIT_LABEL[p.exitReason ?? 'other']})` : '–'),
            },
            { label: "Occupato all'uscita", value: (p) => yesNo(p.resultAtExit?.employed) },
            { label: 'Occupato a 6 mesi', value: (p) => yesNo(p.resultAfterSixMonths?.employed) },
            {
              label: 'Azioni',
              value: (p) => (
                <button type="button" className="secondary" onClick={() => setExiting(p)}>
                  Uscita e risultati<span className="visually-hidden"> di {p.name}</span>
                </button>
              ),
            },
          ]}
        />
      ) : null}
      <h2>Da completare</h2>
      <Status result={worklist} />
      {worklist.data ? (
        <DataTable
          caption="Dati mancanti e risultati da inserire"
          rows={worklist.data.items}
          rowKey={(i) => `${i.participantId}-${i.kind}`}
          columns={[
            { label: 'Nome', value: (i) => i.name || '(dati cancellati)', rowHeader: true },
            { label: 'Operazione', value: (i) => i.operationCode },
            { label: 'Cosa', value: (i) => WORK_LABEL[i.kind] },
            { label: 'Dettaglio', value: (i) => i.fields.map((f) => FIELD_LABEL[f] ?? f).join(', ') || '–' },
            { label: 'Dovuto dal', value: (i) => i.dueOn ?? '–' },
          ]}
        />
      ) : null}
    </>
  );
}

function EnrolForm({ operationId, onDone }: { operationId: string; onDone: (m: string) => void }) {
  const [q, setQ] = useState('');
  const [found] = useApi(
    participantRoutes.candidates,
    q.trim().length >= 2 ? { query: { q: q.trim() } } : null,
  );
  const [visitorId, setVisitorId] = useState('');
  const [entryDate, setEntryDate] = useState(today());
  const errors = useFormErrors();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    errors.clear();
    if (!visitorId) return errors.show('/visitorId', 'Cerca e scegli una persona');
    try {
      const made = await api(participantRoutes.enrol, { body: { operationId, visitorId, entryDate } });
      onDone(
        made.participant.cardId
          ? `${made.participant.name} iscritto: ${made.rosterEntries} presenze previste nei registri.`
          : `${made.participant.name} iscritto, ma senza tessera attiva: non compare nei registri finché non ne riceve una.`,
      );
      setVisitorId('');
      setQ('');
    } catch (e) {
      errors.fail(e, 'Iscrizione non riuscita.');
    }
  }

  return (
    <section className="panel" aria-labelledby="enrol-title">
      <h2 id="enrol-title">Iscrivi una persona</h2>
      <Form className="stack" errors={errors} onSubmit={submit}>
        <div className="row">
          <Field label="Cerca per nome (persone con scheda e consenso)" path="/q">
            <input name="q" value={q} onChange={(e) => setQ(e.target.value)} maxLength={80} />
          </Field>
          <SelectField
            label="Persona"
            path="/visitorId"
            value={visitorId}
            onChange={setVisitorId}
            empty={found.data ? `${found.data.people.length} trovate` : 'scrivi almeno 2 lettere'}
            options={(found.data?.people ?? []).map((p) => ({ value: p.visitorId, label: p.name }))}
          />
          <Field label="Data di ingresso" path="/entryDate">
            <input
              name="entryDate"
              type="date"
              value={entryDate}
              onChange={(e) => setEntryDate(e.target.value)}
              required
            />
          </Field>
        </div>
        <p className="hint">
          Le caratteristiche della persona (genere, età, condizione occupazionale, titolo di studio,
          svantaggi) vengono copiate al momento dell'iscrizione: le modifiche successive della scheda non
          cambiano i dati di questa partecipazione.
        </p>
        <div className="row">
          <button type="submit">Iscrivi</button>
        </div>
      </Form>
    </section>
  );
}

type Tri = '' | 'yes' | 'no';
const tri = (v: boolean | null | undefined): Tri => (v === true ? 'yes' : v === false ? 'no' : '');
const fromTri = (v: Tri) => (v === 'yes' ? true : v === 'no' ? false : null);
const TRI_OPTIONS = [
  { value: 'yes', label: 'sì' },
  { value: 'no', label: 'no' },
];

function OutcomeForm({
  participant: p,
  onDone,
  onCancel,
}: {
  participant: Participant;
  onDone: (m: string) => void;
  onCancel: () => void;
}) {
  const [exitDate, setExitDate] = useState(p.exitDate ?? '');
  const [exitReason, setExitReason] = useState<string>(p.exitReason ?? '');
  const [atExit, setAtExit] = useState({
    jobSearching: tri(p.resultAtExit?.jobSearching),
    inEducation: tri(p.resultAtExit?.inEducation),
    qualification: tri(p.resultAtExit?.qualification),
    employed: tri(p.resultAtExit?.employed),
  });
  const [later, setLater] = useState({
    employed: tri(p.resultAfterSixMonths?.employed),
    betterSituation: tri(p.resultAfterSixMonths?.betterSituation),
  });
  const errors = useFormErrors();
  const any = (o: Record<string, Tri>) => Object.values(o).some((v) => v !== '');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    errors.clear();
    try {
      await api(participantRoutes.outcome, {
        params: { participantId: p.id },
        body: {
          exitDate: exitDate || null,
          exitReason: (exitReason || null) as ExitReason | null,
          resultAtExit: any(atExit)
            ? {
                jobSearching: fromTri(atExit.jobSearching),
                inEducation: fromTri(atExit.inEducation),
                qualification: fromTri(atExit.qualification),
                employed: fromTri(atExit.employed),
              }
            : null,
          resultAfterSixMonths: any(later)
            ? { employed: fromTri(later.employed), betterSituation: fromTri(later.betterSituation) }
            : null,
        },
      });
      onDone(`Uscita e risultati di ${p.name} salvati.`);
    } catch (e) {
      errors.fail(e, 'Salvataggio non riuscito.');
    }
  }
  const triField = (label: string, value: Tri, change: (v: Tri) => void, path: string) => (
    <SelectField
      label={label}
      path={path}
      value={value}
      onChange={(v) => change(v as Tri)}
      empty="non noto"
      options={TRI_OPTIONS}
    />
  );

  return (
    <section className="panel" aria-labelledby="outcome-title">
      <h2 id="outcome-title">Uscita e risultati di {p.name}</h2>
      <Form className="stack" errors={errors} onSubmit={submit}>
        <div className="row">
          <Field label="Data di uscita" path="/exitDate">
            <input
              name="exitDate"
              type="date"
              value={exitDate}
              onChange={(e) => setExitDate(e.target.value)}
            />
          </Field>
          <SelectField
            label="Motivo"
            path="/exitReason"
            value={exitReason}
            onChange={setExitReason}
            empty="–"
            options={optionsOf(EXIT_REASONS, (r) => EXIT_LABEL[r as ExitReason])}
          />
        </div>
        <div className="row">
          {triField(
            'Cerca lavoro (EECR01)',
            atExit.jobSearching,
            (v) => setAtExit({ ...atExit, jobSearching: v }),
            '/resultAtExit/jobSearching',
          )}
          {triField(
            'In istruzione o formazione (EECR02)',
            atExit.inEducation,
            (v) => setAtExit({ ...atExit, inEducation: v }),
            '/resultAtExit/inEducation',
          )}
          {triField(
            'Ha ottenuto una qualifica (EECR03)',
            atExit.qualification,
            (v) => setAtExit({ ...atExit, qualification: v }),
            '/resultAtExit/qualification',
          )}
          {triField(
            'Occupato all’uscita (EECR04)',
            atExit.employed,
            (v) => setAtExit({ ...atExit, employed: v }),
            '/resultAtExit/employed',
          )}
        </div>
        <div className="row">
          {triField(
            'Occupato a sei mesi (EECR05)',
            later.employed,
            (v) => setLater({ ...later, employed: v }),
            '/resultAfterSixMonths/employed',
          )}
          {triField(
            'Situazione migliore a sei mesi (EECR06)',
            later.betterSituation,
            (v) => setLater({ ...later, betterSituation: v }),
            '/resultAfterSixMonths/betterSituation',
          )}
        </div>
        <div className="row">
          <button type="submit">Salva</button>
          <button type="button" className="secondary" onClick={onCancel}>
            Annulla
          </button>
        </div>
      </Form>
    </section>
  );
}
