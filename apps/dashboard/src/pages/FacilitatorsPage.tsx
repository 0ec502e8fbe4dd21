import {
  type FacilitatorRow,
  facilitatorPinProblem,
  facilitatorRoutes,
  type HubOption,
} from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { Field, FieldGroup } from '../components/Field';
import { Form } from '../components/Form';
import { Status } from '../components/Status';
import { fmtDateTime } from '../lib/format';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';

type Mode =
  | { kind: 'new' }
  | { kind: 'edit'; f: FacilitatorRow }
  | { kind: 'pin'; f: FacilitatorRow }
  | { kind: 'card'; f: FacilitatorRow }
  | null;

/**
 * Facilitators: who opens facilitator mode at which hubs' kiosks, with a PIN of their own (kiosks receive only
 * its slow hash) or a card the server grants. The admin and coordinators manage everyone; a hub lead the
 * facilitators of their own hub.
 */
export function FacilitatorsPage() {
  const [result, reload] = useApi(facilitatorRoutes.list, {});
  const [mode, setMode] = useState<Mode>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = result.data;
  const hubName = (id: string) => list?.hubs.find((h) => h.id === id)?.name ?? 'altra sede';

  const done = (message: string) => {
    setMode(null);
    setNotice(message);
    reload();
  };

  return (
    <>
      <div className="page-head">
        <h1>Facilitatori</h1>
        {list && !mode && list.hubs.length > 0 ? (
          <button type="button" onClick={() => setMode({ kind: 'new' })}>
            Nuovo facilitatore
          </button>
        ) : null}
      </div>
      <Status result={result} />
      {notice ? (
        <p role="status" className="ok">
          {notice}
        </p>
      ) : null}
      {list && mode ? (
        <FacilitatorForm
          key={`${mode.kind}-${'f' in mode ? mode.f.id : ''}`}
          mode={mode}
          hubs={list.hubs}
          onDone={done}
          onCancel={() => setMode(null)}
        />
      ) : null}
      {list ? (
        <DataTable
          caption="Facilitatori e sedi in cui aprono la modalità facilitatore"
          rows={list.facilitators}
          rowKey={(f) => f.id}
          columns={[
            { label: 'Nome', value: (f) => f.name, rowHeader: true },
            { label: 'Sedi', value: (f) => f.hubIds.map(hubName).join(', ') },
            { label: 'PIN impostato', value: (f) => (f.pinSetAt ? fmtDateTime(f.pinSetAt) : 'nessun PIN') },
            { label: 'Tessera', value: (f) => (f.cardId ? 'assegnata' : '–') },
            {
              label: 'Azioni',
              value: (f) =>
                f.editable ? (
                  <span className="row">
                    <button type="button" className="secondary" onClick={() => setMode({ kind: 'edit', f })}>
                      Modifica<span className="visually-hidden"> {f.name}</span>
                    </button>
                    <button type="button" className="secondary" onClick={() => setMode({ kind: 'pin', f })}>
                      Cambia PIN<span className="visually-hidden"> di {f.name}</span>
                    </button>
                    <button type="button" className="secondary" onClick={() => setMode({ kind: 'card', f })}>
                      Assegna tessera<span className="visually-hidden"> a {f.name}</span>
                    </button>
                  </span>
                ) : (
                  '–'
                ),
            },
          ]}
        />
      ) : null}
    </>
  );
}

function FacilitatorForm({
  mode,
  hubs,
  onDone,
  onCancel,
}: {
  mode: NonNullable<Mode>;
  hubs: readonly HubOption[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const existing = mode.kind === 'new' ? null : mode.f;
  const [name, setName] = useState(existing?.name ?? '');
  const [hubIds, setHubIds] = useState<string[]>(
    existing?.hubIds ?? (hubs.length === 1 ? [hubs[0]?.id ?? ''] : []),
  );
  const [pin, setPin] = useState('');
  const [cardId, setCardId] = useState('');
  const errors = useFormErrors();
  const asks = {
    details: mode.kind === 'new' || mode.kind === 'edit',
    pin: mode.kind === 'new' || mode.kind === 'pin',
    card: mode.kind === 'card',
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    errors.clear();
    if (asks.details && hubIds.length === 0) return errors.show('/hubIds', 'Scegli almeno una sede');
    const weak = asks.pin ? facilitatorPinProblem(pin) : undefined;
    if (weak) return errors.show('/pin', weak.charAt(0).toUpperCase() + weak.slice(1));
    try {
      if (mode.kind === 'new') {
        await api(facilitatorRoutes.create, { body: { name, hubIds, pin } });
        onDone(
          `Facilitatore «${name}» creato: i totem delle sue sedi ricevono il PIN alla prossima sincronizzazione.`,
        );
      } else if (mode.kind === 'edit') {
        await api(facilitatorRoutes.update, { params: { facilitatorId: mode.f.id }, body: { name, hubIds } });
        onDone(`Facilitatore «${name}» aggiornato.`);
      } else if (mode.kind === 'pin') {
        await api(facilitatorRoutes.setPin, { params: { facilitatorId: mode.f.id }, body: { pin } });
        onDone(`PIN di «${mode.f.name}» cambiato: il vecchio non apre più i totem dopo la sincronizzazione.`);
      } else {
        await api(facilitatorRoutes.grantCard, { params: { facilitatorId: mode.f.id }, body: { cardId } });
        onDone(`Tessera assegnata a «${mode.f.name}».`);
      }
    } catch (e) {
      errors.fail(e, 'Operazione non riuscita.');
    }
  }

  const title =
    mode.kind === 'new'
      ? 'Nuovo facilitatore'
      : mode.kind === 'edit'
        ? `Modifica «${mode.f.name}»`
        : mode.kind === 'pin'
          ? `Nuovo PIN per «${mode.f.name}»`
          : `Tessera di «${mode.f.name}»`;
  return (
    <section className="panel" aria-labelledby="facilitator-title">
      <h2 id="facilitator-title">{title}</h2>
      <Form className="stack" errors={errors} onSubmit={submit}>
        {asks.details ? (
          <>
            <Field label="Nome e cognome" path="/name">
              <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
            </Field>
            <FieldGroup legend="Sedi" path="/hubIds">
              <div className="row">
                {hubs.map((h) => (
                  <label key={h.id} className="inline">
                    <input
                      type="checkbox"
                      checked={hubIds.includes(h.id)}
                      onChange={(e) =>
                        setHubIds(e.target.checked ? [...hubIds, h.id] : hubIds.filter((id) => id !== h.id))
                      }
                    />
                    {h.name}
                  </label>
                ))}
              </div>
            </FieldGroup>
          </>
        ) : null}
        {asks.pin ? (
          <Field label="PIN (6-10 cifre; non 123456, 000000, 112233…)" path="/pin">
            <input
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              inputMode="numeric"
              autoComplete="off"
              required
            />
          </Field>
        ) : null}
        {asks.card ? (
          <Field label="Codice della tessera (dalla scheda della persona)" path="/cardId">
            <input value={cardId} onChange={(e) => setCardId(e.target.value.trim().toUpperCase())} required />
          </Field>
        ) : null}
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
