import {
  type HubInput,
  type HubRow,
  hubInputProblems,
  REPEAT_SCAN_WINDOW_MS,
  TARGET_GROUP_LABEL,
  TARGET_GROUPS,
} from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { optionsOf, SelectField } from '../components/SelectField';
import { useFormErrors } from '../lib/use-form-errors';

/** Weekdays in the order an Italian week is read (Monday first); 0 = Sunday, as the hub document counts. */
const WEEK = [
  [1, 'Lunedì'],
  [2, 'Martedì'],
  [3, 'Mercoledì'],
  [4, 'Giovedì'],
  [5, 'Venerdì'],
  [6, 'Sabato'],
  [0, 'Domenica'],
] as const;

const MINUTE = 60_000;

/** A hub as the form edits it: the input of the API, with the window in minutes as people think of it. */
export type HubDraft = Omit<HubInput, 'repeatScanWindowMs'> & { repeatScanMinutes: number };

export function emptyHub(area: string): HubDraft {
  return {
    name: '',
    address: '',
    area,
    targetGroups: [],
    focus: { assistance: '', promotion: '' },
    openingHours: [],
    closures: [],
    position: { lat: 45.3167, lon: 8.8667 },
    timezone: 'Europe/Rome',
    usesCheckout: false,
    repeatScanMinutes: REPEAT_SCAN_WINDOW_MS / MINUTE,
  };
}

export function draftOf(hub: HubRow): HubDraft {
  const {
    id: _id,
    archived: _a,
    updatedAt: _u,
    facilitators: _f,
    activeKiosks: _k,
    repeatScanWindowMs,
    ...input
  } = hub;
  return { ...input, repeatScanMinutes: Math.round(repeatScanWindowMs / MINUTE) };
}

function inputOf(draft: HubDraft): HubInput {
  const { repeatScanMinutes, ...rest } = draft;
  return { ...rest, repeatScanWindowMs: Math.round(repeatScanMinutes * MINUTE) };
}

/**
 * A time of day input named for screen readers only (the weekday row shows which interval it is); `path` is its
 * place in the body (`/openingHours/2/close`), where the server's and the shared rules' refusals point.
 */
function TimeField({
  label,
  path,
  value,
  onChange,
}: {
  label: string;
  path: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={<span className="visually-hidden">{label}</span>} path={path}>
      <input type="time" value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

/**
 * The editor of one hub: every field kiosks and reports use, with what is wrong said next to its field (checked
 * here with the server's own rules before sending, then by the server, which also knows the other hubs' names).
 */
export function HubForm({
  initial,
  areas,
  title,
  onSave,
  onCancel,
}: {
  initial: HubDraft;
  areas: readonly string[];
  title: string;
  onSave: (input: HubInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [d, setDraft] = useState<HubDraft>(initial);
  const errors = useFormErrors();
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<HubDraft>) => setDraft((old) => ({ ...old, ...patch }));
  const hours = d.openingHours.map((h, index) => ({ ...h, index }));
  const changeInterval = (index: number, patch: { open?: string; close?: string }) =>
    set({ openingHours: d.openingHours.map((o, i) => (i === index ? { ...o, ...patch } : o)) });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = inputOf(d);
    errors.clear();
    // the server's own rules, checked here first: their issues take the same path as the server's refusal
    const local = hubInputProblems(input);
    const [first] = local;
    if (first) return errors.fail(new ApiError(400, 'validation_failed', first.message, local), '');
    setSaving(true);
    try {
      await onSave(input);
    } catch (e) {
      errors.fail(e, 'Salvataggio non riuscito.');
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="hub-editor-title">
      <h2 id="hub-editor-title">{title}</h2>
      <Form className="stack hub-form" errors={errors} onSubmit={submit}>
        <div className="row">
          <Field label="Nome" path="/name">
            <input value={d.name} onChange={(e) => set({ name: e.target.value })} required maxLength={120} />
          </Field>
          <Field label="Indirizzo" path="/address">
            <input value={d.address} onChange={(e) => set({ address: e.target.value })} maxLength={200} />
          </Field>
          <SelectField
            label="Zona"
            path="/area"
            options={optionsOf(areas)}
            value={d.area}
            onChange={(area) => set({ area })}
          />
        </div>
        <div className="row">
          <label>
            Latitudine
            <input
              type="number"
              step="any"
              min={-90}
              max={90}
              value={d.position.lat}
              onChange={(e) => set({ position: { ...d.position, lat: Number(e.target.value) } })}
            />
          </label>
          <label>
            Longitudine
            <input
              type="number"
              step="any"
              min={-180}
              max={180}
              value={d.position.lon}
              onChange={(e) => set({ position: { ...d.position, lon: Number(e.target.value) } })}
            />
          </label>
          <Field label="Fuso orario" path="/timezone">
            <input value={d.timezone} onChange={(e) => set({ timezone: e.target.value })} />
          </Field>
        </div>
        <fieldset>
          <legend>Gruppi a cui si rivolge</legend>
          <div className="row">
            {TARGET_GROUPS.map((g) => (
              <label key={g} className="inline">
                <input
                  type="checkbox"
                  checked={d.targetGroups.includes(g)}
                  onChange={(e) =>
                    set({
                      targetGroups: e.target.checked
                        ? [...d.targetGroups, g]
                        : d.targetGroups.filter((t) => t !== g),
                    })
                  }
                />
                {TARGET_GROUP_LABEL[g] ?? g}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="row">
          <label>
            Assistenza (il bisogno a cui risponde)
            <textarea
              rows={2}
              maxLength={300}
              value={d.focus.assistance}
              onChange={(e) => set({ focus: { ...d.focus, assistance: e.target.value } })}
            />
          </label>
          <label>
            Promozione (l'opportunità che crea)
            <textarea
              rows={2}
              maxLength={300}
              value={d.focus.promotion}
              onChange={(e) => set({ focus: { ...d.focus, promotion: e.target.value } })}
            />
          </label>
        </div>
        <fieldset>
          <legend>Orari di apertura</legend>
          {WEEK.map(([day, dayName]) => {
            const ofDay = hours.filter((h) => h.day === day);
            return (
              <div key={day} className="weekday" data-testid={`day-${day}`}>
                <strong>{dayName}</strong>
                {ofDay.length === 0 ? <span className="muted">chiuso</span> : null}
                {ofDay.map((h, n) => (
                  <span key={h.index} className="interval">
                    <TimeField
                      label={`${dayName}, fascia ${n + 1}, apertura`}
                      path={`/openingHours/${h.index}/open`}
                      value={h.open}
                      onChange={(open) => changeInterval(h.index, { open })}
                    />
                    –
                    <TimeField
                      label={`${dayName}, fascia ${n + 1}, chiusura`}
                      path={`/openingHours/${h.index}/close`}
                      value={h.close}
                      onChange={(close) => changeInterval(h.index, { close })}
                    />
                    <button
                      type="button"
                      className="link"
                      onClick={() => set({ openingHours: d.openingHours.filter((_, i) => i !== h.index) })}
                    >
                      Togli
                      <span className="visually-hidden">
                        {' '}
                        la fascia {n + 1} di {dayName}
                      </span>
                    </button>
                  </span>
                ))}
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    set({ openingHours: [...d.openingHours, { day, open: '09:00', close: '13:00' }] })
                  }
                >
                  Aggiungi fascia<span className="visually-hidden"> a {dayName}</span>
                </button>
              </div>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>Chiusure e festività</legend>
          {d.closures.length === 0 ? <p className="muted">Nessuna chiusura.</p> : null}
          {d.closures.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a closure has no id; its place in the list is its identity while editing
            <div key={i} className="row closure">
              <Field label="Dal" path={`/closures/${i}/from`}>
                <input
                  type="date"
                  value={c.from}
                  onChange={(e) =>
                    set({
                      closures: d.closures.map((o, j) => (j === i ? { ...o, from: e.target.value } : o)),
                    })
                  }
                />
              </Field>
              <Field label="Al (compreso)" path={`/closures/${i}/to`}>
                <input
                  type="date"
                  value={c.to}
                  onChange={(e) =>
                    set({ closures: d.closures.map((o, j) => (j === i ? { ...o, to: e.target.value } : o)) })
                  }
                />
              </Field>
              <Field label="Motivo" path={`/closures/${i}/reason`}>
                <input
                  value={c.reason}
                  maxLength={120}
                  onChange={(e) =>
                    set({
                      closures: d.closures.map((o, j) => (j === i ? { ...o, reason: e.target.value } : o)),
                    })
                  }
                />
              </Field>
              <button
                type="button"
                className="link"
                onClick={() => set({ closures: d.closures.filter((_, j) => j !== i) })}
              >
                Togli<span className="visually-hidden"> la chiusura {i + 1}</span>
              </button>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              const today = new Date().toISOString().slice(0, 10);
              set({ closures: [...d.closures, { from: today, to: today, reason: '' }] });
            }}
          >
            Aggiungi chiusura
          </button>
        </fieldset>
        <div className="row">
          <label className="inline">
            <input
              type="checkbox"
              checked={d.usesCheckout}
              onChange={(e) => set({ usesCheckout: e.target.checked })}
            />
            Registra anche l'uscita (una seconda scansione fa uscire)
          </label>
          <label>
            Scansione ripetuta entro (minuti)
            <input
              type="number"
              min={0}
              max={1440}
              value={d.repeatScanMinutes}
              onChange={(e) => set({ repeatScanMinutes: Number(e.target.value) })}
            />
          </label>
        </div>
        <div className="row">
          <button type="submit" disabled={saving}>
            Salva
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Annulla
          </button>
        </div>
      </Form>
    </section>
  );
}
