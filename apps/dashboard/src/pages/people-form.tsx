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
import { optionsOf, SelectField } from '../components/SelectField';

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

function Choice({
  name,
  label,
  values,
  value,
}: {
  name: string;
  label: string;
  values: readonly string[];
  value?: string | null;
}) {
  return (
    <SelectField
      label={label}
      name={name}
      defaultValue={value ?? ''}
      empty="non rilevato"
      options={optionsOf(values, (v) => ESF_VALUE_LABEL[v] ?? v)}
    />
  );
}

/** The personal data form: names and contacts, ESF+ characteristics (optional), and the consent checkbox. */
export function PersonFields({ person }: { person?: PersonData | null }) {
  return (
    <div className="stack">
      <div className="row">
        <label>
          Nome
          <input name="firstName" maxLength={80} defaultValue={person?.firstName} />
        </label>
        <label>
          Cognome
          <input name="lastName" maxLength={80} defaultValue={person?.lastName} />
        </label>
      </div>
      <div className="row">
        <label>
          Email
          <input name="email" type="email" maxLength={200} defaultValue={person?.email ?? ''} />
        </label>
        <label>
          Telefono
          <input name="phone" type="tel" maxLength={24} defaultValue={person?.phone ?? ''} />
        </label>
        <label>
          Anno di nascita
          <input
            name="birthYear"
            type="number"
            min={1900}
            max={2100}
            defaultValue={person?.birthYear ?? ''}
          />
        </label>
      </div>
      <div className="row">
        <Choice name="gender" label="Genere" values={GENDERS} value={person?.gender} />
        <Choice
          name="employment"
          label="Condizione occupazionale"
          values={EMPLOYMENT_STATUSES}
          value={person?.employment}
        />
        <Choice name="education" label="Istruzione" values={EDUCATION_LEVELS} value={person?.education} />
      </div>
      <fieldset>
        <legend>Gruppi svantaggiati</legend>
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
      </fieldset>
      <label className="inline consent">
        <input type="checkbox" name="consent" /> La persona ha letto l'informativa (versione{' '}
        {CONSENT_TEXT_VERSION}) e acconsente al trattamento dei dati
      </label>
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
