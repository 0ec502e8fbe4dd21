import { ESF_VALUE_LABEL, type IssuedCard, LANGUAGES, type Language, peopleRoutes } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api, apiUrl } from '../api';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { optionsOf, SelectField } from '../components/SelectField';
import { Status } from '../components/Status';
import { fmtDateTime } from '../lib/format';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';
import { IssuedCardView, PersonFields, personFromForm, personMessages } from './people-form';

const MESSAGES = personMessages('');

const REASON = {
  lost: 'smarrita',
  reissued: 'sostituita',
  erased: 'dati cancellati',
  other: 'altro',
} as Record<string, string>;

/** One visitor: personal data (with consent), cards, visits; issue or revoke a card, export, erase. */
export function PersonPage() {
  const { visitorId = '' } = useParams();
  const params = { visitorId };
  const [result, reload] = useApi(peopleRoutes.get, { params });
  const [editing, setEditing] = useState(false);
  const [issued, setIssued] = useState<IssuedCard | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const personErrors = useFormErrors(MESSAGES);
  const cardErrors = useFormErrors();
  const navigate = useNavigate();
  const v = result.data;

  /** Runs an action; its refusal shows in the form it came from (`errors`), or at the top of the page. */
  const run = async (fn: () => Promise<unknown>, ok: string, errors?: ReturnType<typeof useFormErrors>) => {
    setMessage(null);
    errors?.clear();
    try {
      await fn();
      setMessage({ kind: 'ok', text: ok });
      reload();
      return true;
    } catch (e) {
      if (errors) errors.fail(e, 'Operazione non riuscita.');
      else
        setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : 'Operazione non riuscita.' });
      return false;
    }
  };
  async function savePerson(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = personFromForm(new FormData(event.currentTarget));
    if (
      await run(() => api(peopleRoutes.put, { params, body: input }), 'Dati personali salvati.', personErrors)
    )
      setEditing(false);
  }
  async function issueCard(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(
      async () => {
        setIssued(
          await api(peopleRoutes.issueCard, {
            params,
            body: {
              alias: String(form.get('alias') ?? ''),
              language: String(form.get('language') ?? 'it') as Language,
            },
          }),
        );
      },
      'Tessera emessa.',
      cardErrors,
    );
  }
  async function erase() {
    if (
      !window.confirm(
        'Cancellare i dati personali e revocare tutte le tessere di questa persona? Anche le sue partecipazioni alle operazioni finanziate vengono cancellate, quindi i report FSE+ dei periodi passati cambiano. Non si può annullare.',
      )
    )
      return;
    if (await run(() => api(peopleRoutes.erase, { params }), 'Dati cancellati, tessere revocate.'))
      navigate('/persone');
  }

  return (
    <>
      <p>
        <Link to="/persone">← Tutte le persone</Link>
      </p>
      <Status result={result} />
      {message ? (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={message.kind === 'error' ? 'error' : 'ok'}
        >
          {message.text}
        </p>
      ) : null}
      {v ? (
        <>
          <div className="page-head">
            <h1>
              {v.person ? `${v.person.firstName} ${v.person.lastName}` : (v.cards[0]?.alias ?? 'Visitatore')}
            </h1>
            <div className="row">
              <a className="button secondary" href={apiUrl(peopleRoutes.export, { params })} download>
                Esporta i dati (JSON)
              </a>
              <button type="button" className="danger" onClick={() => void erase()}>
                Cancella i dati personali
              </button>
            </div>
          </div>
          <section className="panel" aria-labelledby="person-data">
            <h2 id="person-data">Dati personali</h2>
            {editing ? (
              <Form className="stack" errors={personErrors} onSubmit={savePerson}>
                <PersonFields person={v.person} />
                <div className="row">
                  <button type="submit">Salva i dati</button>
                  <button type="button" className="secondary" onClick={() => setEditing(false)}>
                    Annulla
                  </button>
                </div>
              </Form>
            ) : (
              <>
                {v.person ? (
                  <dl className="facts">
                    <dt>Email</dt>
                    <dd>{v.person.email ?? '–'}</dd>
                    <dt>Telefono</dt>
                    <dd>{v.person.phone ?? '–'}</dd>
                    <dt>Anno di nascita</dt>
                    <dd>{v.person.birthYear ?? '–'}</dd>
                    <dt>Genere</dt>
                    <dd>{v.person.gender ? ESF_VALUE_LABEL[v.person.gender] : 'non rilevato'}</dd>
                    <dt>Condizione occupazionale</dt>
                    <dd>{v.person.employment ? ESF_VALUE_LABEL[v.person.employment] : 'non rilevato'}</dd>
                    <dt>Istruzione</dt>
                    <dd>{v.person.education ? ESF_VALUE_LABEL[v.person.education] : 'non rilevato'}</dd>
                    <dt>Gruppi svantaggiati</dt>
                    <dd>
                      {v.person.disadvantaged === null
                        ? 'non rilevato'
                        : v.person.disadvantaged.length === 0
                          ? 'nessuno'
                          : v.person.disadvantaged.map((g) => ESF_VALUE_LABEL[g]).join(', ')}
                    </dd>
                    <dt>Consenso</dt>
                    <dd>
                      {fmtDateTime(v.person.consentAt)} (informativa {v.person.consentTextVersion})
                    </dd>
                  </dl>
                ) : (
                  <p>Nessun dato personale registrato: la persona è nota solo per la tessera.</p>
                )}
                <button type="button" onClick={() => setEditing(true)}>
                  {v.person ? 'Modifica i dati personali' : 'Registra i dati personali (con consenso)'}
                </button>
              </>
            )}
          </section>
          {issued ? <IssuedCardView issued={issued} /> : null}
          <section className="panel" aria-labelledby="cards-title">
            <h2 id="cards-title">Tessere</h2>
            <DataTable
              caption="Tessere di questa persona"
              className="cards-table"
              rows={v.cards}
              rowKey={(c) => c.id}
              columns={[
                { label: 'Nome sulla tessera', value: (c) => c.alias, rowHeader: true },
                { label: 'Lingua', value: (c) => c.language },
                { label: 'Emessa', value: (c) => `${fmtDateTime(c.issuedAt)}, ${c.hubName}` },
                {
                  label: 'Stato',
                  value: (c) =>
                    c.revoked
                      ? `revocata (${REASON[c.revokedReason ?? 'other'] ?? c.revokedReason})`
                      : 'attiva',
                },
                {
                  label: 'Azioni',
                  value: (c) =>
                    c.revoked ? (
                      '–'
                    ) : (
                      <button
                        type="button"
                        className="danger"
                        onClick={() =>
                          window.confirm(
                            `Revocare la tessera "${c.alias}"? I totem la rifiuteranno dopo la prossima sincronizzazione.`,
                          ) &&
                          void run(
                            () =>
                              api(peopleRoutes.revokeCard, {
                                params: { visitorId, cardId: c.id },
                                body: { reason: 'lost' },
                              }),
                            'Tessera revocata.',
                          )
                        }
                      >
                        Revoca<span className="visually-hidden"> la tessera {c.alias}</span>
                      </button>
                    ),
                },
              ]}
            />
            <Form className="row" errors={cardErrors} onSubmit={issueCard}>
              <Field label="Nome sulla nuova tessera" path="/alias">
                <input name="alias" required maxLength={24} defaultValue={v.cards[0]?.alias ?? ''} />
              </Field>
              <SelectField
                label="Lingua"
                name="language"
                path="/language"
                defaultValue={v.cards[0]?.language ?? 'it'}
                options={optionsOf(LANGUAGES)}
              />
              <button type="submit">Emetti una nuova tessera</button>
            </Form>
          </section>
          <section className="panel" aria-labelledby="visits-title">
            <h2 id="visits-title">Visite</h2>
            <p>
              {v.visits.days} giorni di presenza, {v.visits.checkins} ingressi
              {v.visits.firstDay ? `, dal ${v.visits.firstDay} al ${v.visits.lastDay}` : ''}.
            </p>
            <DataTable
              caption="Giorni di presenza per hub"
              rows={v.visits.hubs}
              rowKey={(h) => h.hubId}
              columns={[
                { label: 'Hub', value: (h) => h.hubName, rowHeader: true },
                { label: 'Giorni', value: (h) => h.days, numeric: true },
              ]}
            />
          </section>
        </>
      ) : null}
    </>
  );
}
