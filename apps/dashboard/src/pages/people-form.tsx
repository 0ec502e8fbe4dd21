import {
  CONSENT_TEXT_VERSION,
  DISADVANTAGED_GROUPS,
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  ESF_VALUE_LABEL,
  GENDERS,
  type IssuedCard,
  type PersonData,
  type PersonInput,
} from '@vigevano/protocol';
import { Field, FieldGroup } from '../components/Field';
import { optionsOf, SelectField } from '../components/SelectField';
import type { FieldMessages } from '../lib/field-errors';

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

function Choice({
  name,
  label,
  values,
  value,
  base,
}: {
  name: string;
  label: string;
  values: readonly string[];
  value?: string | null;
  base: string;
}) {
  return (
    <SelectField
      label={label}
      name={name}
      path={`${base}/${name}`}
      defaultValue={value ?? ''}
      empty="non rilevato"
      options={optionsOf(values, (v) => ESF_VALUE_LABEL[v] ?? v)}
    />
  );
}

/** The ESF+ characteristics asked as one choice each, in the form's order. */
const CHOICES = [
  { name: 'gender', label: 'Genere', values: GENDERS },
  { name: 'employment', label: 'Condizione occupazionale', values: EMPLOYMENT_STATUSES },
  { name: 'education', label: 'Istruzione', values: EDUCATION_LEVELS },
] as const;

/**
 * The person form's own words for some refusals, for the person's data at `base` in the request body ('' when the
 * body is the person, `/person` when the person rides along with a new card).
 */
export function personMessages(base: string): FieldMessages {
  return {
    [`${base}/consent`]: { '*': 'Serve il consenso della persona' },
    [`${base}/phone`]: { pattern: 'Scrivi un numero di telefono: da 6 a 24 cifre, spazi, +, - o parentesi' },
  };
}

/**
 * The personal data form: names and contacts, ESF+ characteristics (optional), and the consent checkbox. `base`
 * is where the person sits in the request body (see personMessages), so that refusals show by their field.
 */
export function PersonFields({ person, base = '' }: { person?: PersonData | null; base?: string }) {
  return (
    <div className="stack">
      <div className="row">
        <Field label="Nome" path={`${base}/firstName`}>
          <input name="firstName" maxLength={80} defaultValue={person?.firstName} />
        </Field>
        <Field label="Cognome" path={`${base}/lastName`}>
          <input name="lastName" maxLength={80} defaultValue={person?.lastName} />
        </Field>
      </div>
      <div className="row">
        <Field label="Email" path={`${base}/email`}>
          <input name="email" type="email" maxLength={200} defaultValue={person?.email ?? ''} />
        </Field>
        <Field label="Telefono" path={`${base}/phone`}>
          <input name="phone" type="tel" maxLength={24} defaultValue={person?.phone ?? ''} />
        </Field>
        <Field label="Anno di nascita" path={`${base}/birthYear`}>
          <input
            name="birthYear"
            type="number"
            min={1900}
            max={2100}
            defaultValue={person?.birthYear ?? ''}
          />
        </Field>
      </div>
      <div className="row">
        {CHOICES.map(({ name, label, values }) => (
          <Choice key={name} name={name} label={label} values={values} value={person?.[name]} base={base} />
        ))}
      </div>
      <FieldGroup legend="Gruppi svantaggiati" path={`${base}/disadvantaged`}>
        <label className="inline">
          <input
            type="checkbox"
            name="disadvantagedAsked"
            defaultChecked={person ? person.disadvantaged !== null : false}
          />{' '}
          rilevato (se non spunti nessun gruppo: nessuno)
        </label>
        {DISADVANTAGED_GROUPS.map((g) => (
          <label key={g} className="inline">
            <input
              type="checkbox"
              name="disadvantaged"
              value={g}
              defaultChecked={person?.disadvantaged?.includes(g) ?? false}
            />
            {ESF_VALUE_LABEL[g]}
          </label>
        ))}
      </FieldGroup>
      <Field
        inline
        path={`${base}/consent`}
        label={`La persona ha letto l'informativa (versione ${CONSENT_TEXT_VERSION}) e acconsente al trattamento dei dati`}
      >
        <input type="checkbox" name="consent" />
      </Field>
    </div>
  );
}

/** Reads the form of PersonFields; the server refuses it (in Italian) if consent or a name is missing. */
export function personFromForm(form: FormData): PersonInput {
  const text = (name: string) => {
    const v = String(form.get(name) ?? '').trim();
    return v === '' ? null : v;
  };
  const year = text('birthYear');
  return {
    firstName: text('firstName') ?? '',
    lastName: text('lastName') ?? '',
    email: text('email'),
    phone: text('phone'),
    birthYear: year === null ? null : Number(year),
    gender: text('gender') as PersonInput['gender'],
    employment: text('employment') as PersonInput['employment'],
    education: text('education') as PersonInput['education'],
    disadvantaged:
      form.get('disadvantagedAsked') === 'on'
        ? (form.getAll('disadvantaged').map(String) as PersonInput['disadvantaged'])
        : null,
    consent: (form.get('consent') === 'on') as true,
  };
}

/** A freshly issued card: its QR to print or show on a phone. */
export function IssuedCardView({ issued, onOpen }: { issued: IssuedCard; onOpen?: () => void }) {
  return (
    <section className="panel issued" aria-labelledby="issued-title" role="status">
      <h2 id="issued-title">Tessera emessa: {issued.card.alias}</h2>
      <div className="enrol-code">
        <img
          src={svgUrl(issued.qrSvg)}
          alt={`QR della tessera di ${issued.card.alias}`}
          width={200}
          height={200}
        />
        <div>
          <p>Stampa questa pagina o fotografa il QR: è la tessera da mostrare al totem.</p>
          <button type="button" className="secondary" onClick={() => window.print()}>
            Stampa
          </button>
          {onOpen ? (
            <button type="button" onClick={onOpen}>
              Apri la scheda della persona
            </button>
          ) : null}
        </div>
      </div>
    </section>
  );
}
