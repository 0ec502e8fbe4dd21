import { cityRoutes, type IssuedCard, LANGUAGES, type Language, peopleRoutes } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { optionsOf, SelectField } from '../components/SelectField';
import { Status } from '../components/Status';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';
import { PeopleImport } from './PeopleImport';
import { IssuedCardView, PersonFields, personFromForm, personMessages } from './people-form';

const MESSAGES = personMessages('/person');

/** Find a visitor by alias, name, email or card; register a new one (card, and personal data with consent). */
export function PeoplePage({ ownHub }: { ownHub: string | null }) {
  const [overview] = useApi(cityRoutes.overview, ownHub ? null : {});
  const hubs = overview.data?.hubs ?? [];
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [result, reload] = useApi(peopleRoutes.search, { query: { q } });
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<number | null>(null);
  const [issued, setIssued] = useState<(IssuedCard & { visitorId: string }) | null>(null);
  const errors = useFormErrors(MESSAGES);
  const navigate = useNavigate();

  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    errors.clear();
    try {
      const withPerson = form.get('withPerson') === 'on';
      const res = await api(peopleRoutes.create, {
        body: {
          hubId: String(form.get('hubId') ?? ownHub ?? ''),
          card: {
            alias: String(form.get('alias') ?? ''),
            language: String(form.get('language') ?? 'it') as Language,
          },
          ...(withPerson ? { person: personFromForm(form) } : {}),
        },
      });
      setIssued(res);
      setAdding(false);
    } catch (e) {
      errors.fail(e, 'Registrazione non riuscita.');
    }
  }

  return (
    <>
      <div className="page-head">
        <h1>Persone</h1>
        <div className="row">
          {adding ? null : (
            <button type="button" onClick={() => setAdding(true)}>
              Registra una persona
            </button>
          )}
          {importing ? null : (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setImporting(true);
                setImported(null);
              }}
            >
              Importa da CSV
            </button>
          )}
        </div>
      </div>
      <p className="muted">
        I dati personali restano sul server del Comune: i totem conoscono solo la tessera (nome breve e
        lingua).
      </p>
      {imported === null ? null : (
        <p role="status" className="ok">
          {imported === 1 ? 'Importata 1 persona.' : `Importate ${imported} persone.`}
        </p>
      )}
      {importing ? (
        <PeopleImport
          onClose={() => setImporting(false)}
          onImported={(created) => {
            setImporting(false);
            setImported(created);
            reload();
          }}
        />
      ) : null}
      {issued ? (
        <IssuedCardView issued={issued} onOpen={() => navigate(`/persone/${issued.visitorId}`)} />
      ) : null}
      {adding ? (
        <section className="panel" aria-labelledby="new-person">
          <h2 id="new-person">Nuova tessera</h2>
          <Form className="stack" errors={errors} onSubmit={register}>
            {ownHub ? null : (
              <SelectField
                label="Hub"
                name="hubId"
                path="/hubId"
                required
                options={hubs.filter((h) => !h.archived).map((h) => ({ value: h.id, label: h.name }))}
              />
            )}
            <div className="row">
              <Field label="Nome sulla tessera" path="/card/alias">
                <input name="alias" required maxLength={24} />
              </Field>
              <SelectField
                label="Lingua"
                name="language"
                path="/card/language"
                defaultValue="it"
                options={optionsOf(LANGUAGES)}
              />
            </div>
            <details>
              <summary>Dati personali (facoltativi, con consenso)</summary>
              <Field inline label="Registra anche i dati personali">
                <input type="checkbox" name="withPerson" />
              </Field>
              <PersonFields base="/person" />
            </details>
            <div className="row">
              <button type="submit">Emetti la tessera</button>
              <button type="button" className="secondary" onClick={() => setAdding(false)}>
                Annulla
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <search>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setParams({ q: String(new FormData(e.currentTarget).get('q') ?? '') });
          }}
        >
          <label>
            Cerca
            <input
              name="q"
              type="search"
              defaultValue={q}
              placeholder="nome, email, nome sulla tessera o codice"
            />
          </label>
          <button type="submit">Cerca</button>
        </form>
      </search>
      <Status result={result} />
      <DataTable
        caption={q ? `Risultati per "${q}"` : 'Persone registrate di recente'}
        className="people"
        rows={result.data?.results ?? []}
        rowKey={(v) => v.visitorId}
        columns={[
          {
            label: 'Persona',
            value: (v) => <Link to={`/persone/${v.visitorId}`}>{v.displayName}</Link>,
            rowHeader: true,
          },
          { label: 'Tessere attive', value: (v) => v.activeCards, numeric: true },
          { label: 'Nomi sulle tessere', value: (v) => v.aliases.join(', ') },
          { label: 'Hub', value: (v) => v.hubName },
          { label: 'Dati personali', value: (v) => (v.hasPersonalData ? 'sì' : 'no') },
          { label: 'Ultima visita', value: (v) => v.lastVisit ?? '–' },
        ]}
      />
    </>
  );
}
