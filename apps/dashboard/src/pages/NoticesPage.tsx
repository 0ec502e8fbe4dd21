import {
  LANGUAGES,
  type Language,
  type Notice,
  type NoticeInput,
  noticeEnd,
  noticeRoutes,
} from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { FormError } from '../components/FormError';
import { Status } from '../components/Status';
import { fmtDateTime } from '../lib/format';
import { LANGUAGE_LABEL } from '../lib/languages';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';
import { TargetFields, targetText } from './kiosk-targets';
import { cityInstant, cityLocalInput } from './notice-times';

const OTHER_LANGUAGES = LANGUAGES.filter((l) => l !== 'it');

interface Draft {
  title: Partial<Record<Language, string>>;
  text: Partial<Record<Language, string>>;
  hubIds: string[];
  deviceIds: string[];
  tags: string[];
  /** datetime-local on the city clock; empty: now */
  startsAt: string;
  endsAt: string;
}

const emptyDraft = (): Draft => ({
  title: {},
  text: {},
  hubIds: [],
  deviceIds: [],
  tags: [],
  startsAt: '',
  endsAt: cityLocalInput(Date.now() + 2 * 3_600_000),
});

/** The languages given in full (title and text), Italian first. */
const textOf = (values: Partial<Record<Language, string>>) =>
  Object.fromEntries(
    LANGUAGES.flatMap((l) => (values[l]?.trim() ? [[l, values[l]?.trim() ?? '']] : [])),
  ) as NoticeInput['title'];

/**
 * Urgent notices (issue 17, item 4): write one for all kiosks, some hubs, kiosks or groups, with an end; kiosks
 * online show it within seconds over their idle screen; end it early. Active and past notices below.
 */
export function NoticesPage() {
  const [result, reload] = useApi(noticeRoutes.list, {});
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errors = useFormErrors();
  const list = result.data;
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const now = Date.now();
  const hubName = (id: string) => list?.hubs.find((h) => h.id === id)?.name ?? id;
  const kioskName = (id: string) => list?.kiosks.find((k) => k.id === id)?.name ?? id;
  const active = (list?.notices ?? []).filter((n) => noticeEnd(n) > now);
  const past = (list?.notices ?? []).filter((n) => noticeEnd(n) <= now);

  async function create(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setSent(null);
    const endsAt = cityInstant(draft.endsAt);
    if (endsAt === undefined) return errors.show('/endsAt', 'Scegli giorno e ora di fine');
    const startsAt = draft.startsAt ? cityInstant(draft.startsAt) : undefined;
    setBusy(true);
    try {
      const { notice } = await api(noticeRoutes.create, {
        body: {
          title: textOf(draft.title),
          text: textOf(draft.text),
          hubIds: draft.hubIds,
          deviceIds: draft.deviceIds,
          tags: draft.tags,
          ...(startsAt === undefined ? {} : { startsAt }),
          endsAt,
        },
      });
      setSent(`Avviso “${notice.title.it}” inviato: i totem collegati lo mostrano entro pochi secondi.`);
      setDraft(emptyDraft());
      reload();
    } catch (e) {
      errors.fail(e, 'Avviso non inviato.');
    } finally {
      setBusy(false);
    }
  }

  async function endNow(n: Notice) {
    if (!window.confirm(`Terminare ora l'avviso “${n.title.it}”? I totem smetteranno di mostrarlo.`)) return;
    setError(null);
    try {
      await api(noticeRoutes.end, { params: { noticeId: n.id } });
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Operazione non riuscita.');
    }
  }

  const row = (n: Notice, isActive: boolean) => (
    <li key={n.id} className={`panel content-item${isActive ? ' notice-active' : ''}`}>
      <div>
        <h3>{n.title.it}</h3>
        <p>{n.text.it}</p>
        <p className="muted">
          {targetText(n, hubName, kioskName)} · dal {fmtDateTime(n.startsAt)} al {fmtDateTime(noticeEnd(n))}
          {n.endedAt !== undefined ? ' (terminato in anticipo)' : ''}
        </p>
      </div>
      {isActive ? (
        <div className="row">
          <button type="button" className="danger" onClick={() => void endNow(n)}>
            Termina ora<span className="visually-hidden"> {n.title.it}</span>
          </button>
        </div>
      ) : null}
    </li>
  );

  return (
    <>
      <h1>Avvisi urgenti</h1>
      <Status result={result} />
      {list ? (
        <section className="panel" aria-labelledby="notice-new-title">
          <h2 id="notice-new-title">Nuovo avviso</h2>
          <p className="muted">
            Copre la schermata di attesa dei totem scelti fino alla fine indicata (al massimo{' '}
            {list.maxDurationMs / 86_400_000} giorni). Chi sta usando un totem finisce prima ciò che sta
            facendo.
          </p>
          <Form className="stack" errors={errors} onSubmit={create}>
            <Field label="Titolo (italiano)" path="/title/it">
              <input
                value={draft.title.it ?? ''}
                required
                maxLength={120}
                onChange={(e) => set({ title: { ...draft.title, it: e.target.value } })}
              />
            </Field>
            <Field label="Testo (italiano)" path="/text/it">
              <textarea
                value={draft.text.it ?? ''}
                required
                rows={3}
                maxLength={600}
                onChange={(e) => set({ text: { ...draft.text, it: e.target.value } })}
              />
            </Field>
            <details>
              <summary>Altre lingue (facoltative: dove mancano, il totem mostra l'italiano)</summary>
              {OTHER_LANGUAGES.map((l) => (
                <div className="row" key={l}>
                  <Field label={`Titolo (${LANGUAGE_LABEL[l]})`} path={`/title/${l}`}>
                    <input
                      lang={l}
                      dir={l === 'ar' ? 'rtl' : 'ltr'}
                      value={draft.title[l] ?? ''}
                      maxLength={120}
                      onChange={(e) => set({ title: { ...draft.title, [l]: e.target.value } })}
                    />
                  </Field>
                  <Field label={`Testo (${LANGUAGE_LABEL[l]})`} path={`/text/${l}`}>
                    <textarea
                      lang={l}
                      dir={l === 'ar' ? 'rtl' : 'ltr'}
                      value={draft.text[l] ?? ''}
                      rows={2}
                      maxLength={600}
                      onChange={(e) => set({ text: { ...draft.text, [l]: e.target.value } })}
                    />
                  </Field>
                </div>
              ))}
            </details>
            <TargetFields
              hubLegend="Hub (nessuno: tutti i totem della città)"
              hubs={list.hubs}
              kiosks={list.kiosks}
              target={draft}
              onChange={set}
            />
            <div className="row">
              <Field label="Inizio (vuoto: subito)" path="/startsAt">
                <input
                  type="datetime-local"
                  value={draft.startsAt}
                  onChange={(e) => set({ startsAt: e.target.value })}
                />
              </Field>
              <Field label="Fine" path="/endsAt">
                <input
                  type="datetime-local"
                  value={draft.endsAt}
                  required
                  onChange={(e) => set({ endsAt: e.target.value })}
                />
              </Field>
            </div>
            <div className="row">
              <button type="submit" disabled={busy}>
                {busy ? 'Invio…' : 'Invia avviso'}
              </button>
            </div>
          </Form>
          {sent ? (
            <p className="ok" role="status">
              {sent}
            </p>
          ) : null}
        </section>
      ) : null}
      <FormError error={error} />
      <section aria-labelledby="notices-active-title">
        <h2 id="notices-active-title">In corso e programmati</h2>
        {list && active.length === 0 ? <p className="muted">Nessun avviso in corso.</p> : null}
        <ul className="content-list">{active.map((n) => row(n, true))}</ul>
      </section>
      <section aria-labelledby="notices-past-title">
        <h2 id="notices-past-title">Passati</h2>
        {list && past.length === 0 ? <p className="muted">Nessun avviso passato.</p> : null}
        <ul className="content-list">{past.map((n) => row(n, false))}</ul>
      </section>
    </>
  );
}
