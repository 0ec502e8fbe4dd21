import {
  addLocalDays,
  CITY_TIME_ZONE,
  CONTENT_KINDS,
  type Content,
  type ContentImageRef,
  type ContentInput,
  type ContentMedia,
  contentAdminRoutes,
  type HubOption,
  MEDIA_LIMITS,
  mediaRoutes,
} from '@vigevano/protocol';
import { type FormEvent, Fragment, useState } from 'react';
import { ApiError, api, apiUpload, apiUrl } from '../api';
import { Field, FieldGroup } from '../components/Field';
import { Form } from '../components/Form';
import { FormError } from '../components/FormError';
import { optionsOf, SelectField } from '../components/SelectField';
import { Status } from '../components/Status';
import { localDay } from '../lib/format';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';

/** The languages a content item's text is written in here: Italian always, English when given. */
const TEXT_LANGUAGES = [
  { suffix: 'It', code: 'it', name: 'italiano', required: true },
  { suffix: 'En', code: 'en', name: 'inglese', required: false },
] as const;

const KIND_LABEL = {
  news: 'Notizie',
  opportunity: 'Opportunità',
  directions: 'Come arrivare',
  notice: 'Avviso',
} as const;
const DAYS = [
  [1, 'lun'],
  [2, 'mar'],
  [3, 'mer'],
  [4, 'gio'],
  [5, 'ven'],
  [6, 'sab'],
  [0, 'dom'],
] as const;

interface Draft {
  id: string | null;
  kind: Content['kind'];
  hubIds: string[];
  titleIt: string;
  titleEn: string;
  bodyIt: string;
  bodyEn: string;
  from: string;
  to: string;
  days: number[];
  hoursFrom: string;
  hoursTo: string;
  priority: number;
  /** a version 0 picture, kept until the coordinator removes it (new uploads are `media`) */
  image: ContentImageRef | null;
  media: ContentMedia | null;
}

const startOf = (day: string) => addLocalDays(CITY_TIME_ZONE, Date.parse(`${day}T12:00:00Z`), 0);

function emptyDraft(): Draft {
  const today = localDay(Date.now());
  return {
    id: null,
    kind: 'news',
    hubIds: [],
    titleIt: '',
    titleEn: '',
    bodyIt: '',
    bodyEn: '',
    from: today,
    to: localDay(addLocalDays(CITY_TIME_ZONE, Date.now(), 30)),
    days: [],
    hoursFrom: '',
    hoursTo: '',
    priority: 50,
    image: null,
    media: null,
  };
}

function toDraft(c: Content): Draft {
  return {
    id: c.id,
    kind: c.kind,
    hubIds: [...c.hubIds],
    titleIt: c.title.it,
    titleEn: c.title.en ?? '',
    bodyIt: c.body.it,
    bodyEn: c.body.en ?? '',
    from: localDay(c.schedule.from),
    to: localDay(c.schedule.to - 1),
    days: [...(c.schedule.days ?? [])],
    hoursFrom: c.schedule.hours?.from ?? '',
    hoursTo: c.schedule.hours?.to ?? '',
    priority: c.priority,
    image: c.image ?? null,
    media: c.media ?? null,
  };
}

function toInput(d: Draft): ContentInput {
  return {
    kind: d.kind,
    hubIds: d.hubIds,
    title: { it: d.titleIt, ...(d.titleEn ? { en: d.titleEn } : {}) },
    body: { it: d.bodyIt, ...(d.bodyEn ? { en: d.bodyEn } : {}) },
    schedule: {
      from: startOf(d.from),
      to: addLocalDays(CITY_TIME_ZONE, startOf(d.to), 1),
      ...(d.days.length > 0 ? { days: d.days } : {}),
      ...(d.hoursFrom && d.hoursTo ? { hours: { from: d.hoursFrom, to: d.hoursTo } } : {}),
    },
    priority: d.priority,
    image: d.image,
    media: d.media,
  };
}

const MB = 1024 * 1024;
/** The caps the server enforces on an upload (media-check.ts), said next to the control. */
const MEDIA_CAPS = `immagini JPEG, PNG o WebP fino a ${MEDIA_LIMITS.imageMaxBytes / MB} MB; video MP4 o WebM senza audio fino a ${MEDIA_LIMITS.videoMaxBytes / MB} MB e ${MEDIA_LIMITS.videoMaxDurationMs / 1000} secondi`;

/** The picture or the muted looping video of an item, as a landscape kiosk shows it. */
function MediaPreview({ media }: { media: ContentMedia }) {
  const file = media.renditions.find((r) => r.shape === 'landscape')?.file ?? media.original;
  const src = apiUrl(mediaRoutes.file, { params: { fileId: file.id } });
  return media.kind === 'video' ? (
    <video src={src} autoPlay muted loop playsInline />
  ) : (
    <img src={src} alt="" />
  );
}

/** What the kiosk will show, with the kiosk's own layout: kind, Italian title and text, English below, media. */
function KioskPreview({ draft }: { draft: Draft }) {
  return (
    <figure className="kiosk-preview" aria-label="Anteprima come sul totem">
      <div className="kiosk-screen">
        <p className="kiosk-kind">{KIND_LABEL[draft.kind]}</p>
        {draft.media ? (
          <MediaPreview media={draft.media} />
        ) : draft.image ? (
          <img src={apiUrl(contentAdminRoutes.image, { params: { imageId: draft.image.id } })} alt="" />
        ) : null}
        <h3 lang="it">{draft.titleIt || 'Titolo'}</h3>
        <p lang="it">{draft.bodyIt || 'Testo del contenuto'}</p>
        {draft.titleEn ? (
          <p className="kiosk-translation" lang="en">
            {draft.titleEn} — {draft.bodyEn}
          </p>
        ) : null}
      </div>
      <figcaption>Anteprima come sul totem</figcaption>
    </figure>
  );
}

function Editor({ hubs, initial, onDone }: { hubs: HubOption[]; initial: Draft; onDone: () => void }) {
  const [draft, setDraft] = useState(initial);
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  const [uploading, setUploading] = useState(false);
  async function upload(file: File | undefined) {
    if (!file) return;
    errors.clear();
    // the server checks the real type and every cap; this only spares sending a file far too large
    if (file.size > MEDIA_LIMITS.videoMaxBytes) {
      errors.show('/media', `File troppo grande: ${MEDIA_CAPS}.`);
      return;
    }
    setUploading(true);
    try {
      const res = await apiUpload(mediaRoutes.upload, file);
      set({ media: res.media, image: null });
    } catch (e) {
      errors.fail(e, 'Caricamento non riuscito.', '/media');
    } finally {
      setUploading(false);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    // An emptied date picker gives no day at all: say so here, the server would only see a missing number.
    if (!draft.from) return errors.show('/schedule/from', 'Scegli il primo giorno');
    if (!draft.to) return errors.show('/schedule/to', "Scegli l'ultimo giorno");
    setBusy(true);
    try {
      if (draft.id)
        await api(contentAdminRoutes.update, { params: { contentId: draft.id }, body: toInput(draft) });
      else await api(contentAdminRoutes.create, { body: toInput(draft) });
      onDone();
    } catch (e) {
      errors.fail(e, 'Salvataggio non riuscito.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="editor-title">
      <h2 id="editor-title">{draft.id ? 'Modifica contenuto' : 'Nuovo contenuto'}</h2>
      <div className="editor">
        <Form className="stack" errors={errors} onSubmit={save}>
          <SelectField
            label="Tipo"
            path="/kind"
            value={draft.kind}
            onChange={(kind) => set({ kind: kind as Content['kind'] })}
            options={optionsOf(CONTENT_KINDS, (k) => KIND_LABEL[k as Content['kind']])}
          />
          {TEXT_LANGUAGES.map(({ suffix, code, name, required }) => (
            <Fragment key={suffix}>
              <Field label={`Titolo (${name})`} path={`/title/${code}`}>
                <input
                  value={draft[`title${suffix}`]}
                  required={required}
                  maxLength={2000}
                  onChange={(e) => set({ [`title${suffix}`]: e.target.value })}
                />
              </Field>
              <Field label={`Testo (${name})`} path={`/body/${code}`}>
                <textarea
                  value={draft[`body${suffix}`]}
                  required={required}
                  rows={3}
                  maxLength={2000}
                  onChange={(e) => set({ [`body${suffix}`]: e.target.value })}
                />
              </Field>
            </Fragment>
          ))}
          <FieldGroup legend="Hub (nessuno: tutta la città)" path="/hubIds">
            {/* an archived hub is offered only to take it off an item that still names it */}
            {hubs
              .filter((h) => !h.archived || draft.hubIds.includes(h.id))
              .map((h) => (
                <label key={h.id} className="inline">
                  <input
                    type="checkbox"
                    checked={draft.hubIds.includes(h.id)}
                    onChange={() => set({ hubIds: toggle(draft.hubIds, h.id) })}
                  />
                  {h.name}
                </label>
              ))}
          </FieldGroup>
          <div className="row">
            <Field label="Dal" path="/schedule/from">
              <input
                type="date"
                value={draft.from}
                required
                onChange={(e) => set({ from: e.target.value })}
              />
            </Field>
            <Field label="Al (incluso)" path="/schedule/to">
              <input type="date" value={draft.to} required onChange={(e) => set({ to: e.target.value })} />
            </Field>
          </div>
          <FieldGroup legend="Giorni (nessuno: tutti)" path="/schedule/days">
            {DAYS.map(([d, label]) => (
              <label key={d} className="inline">
                <input
                  type="checkbox"
                  checked={draft.days.includes(d)}
                  onChange={() => set({ days: toggle(draft.days, d) })}
                />
                {label}
              </label>
            ))}
          </FieldGroup>
          <div className="row">
            <Field label="Dalle ore" path="/schedule/hours/from">
              <input
                type="time"
                value={draft.hoursFrom}
                onChange={(e) => set({ hoursFrom: e.target.value })}
              />
            </Field>
            <Field label="Alle ore" path="/schedule/hours/to">
              <input type="time" value={draft.hoursTo} onChange={(e) => set({ hoursTo: e.target.value })} />
            </Field>
            <Field label="Priorità (0-100)" path="/priority">
              <input
                type="number"
                min={0}
                max={100}
                value={draft.priority}
                onChange={(e) => set({ priority: Number(e.target.value) })}
              />
            </Field>
          </div>
          <Field label={`Immagine o video (${MEDIA_CAPS})`} path="/media">
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp,video/mp4,video/webm"
              disabled={uploading}
              onChange={(e) => void upload(e.target.files?.[0])}
            />
          </Field>
          {uploading ? <p role="status">Caricamento e preparazione delle versioni per i totem…</p> : null}
          {draft.media || draft.image ? (
            <button type="button" className="secondary" onClick={() => set({ media: null, image: null })}>
              {draft.media?.kind === 'video' ? 'Togli il video' : "Togli l'immagine"}
            </button>
          ) : null}
          <div className="row">
            <button type="submit" disabled={busy}>
              {busy ? 'Salvataggio…' : 'Salva'}
            </button>
            <button type="button" className="secondary" onClick={onDone}>
              Annulla
            </button>
          </div>
        </Form>
        <KioskPreview draft={draft} />
      </div>
    </section>
  );
}

/** Info screens: write, preview as on the kiosk, publish (kiosks receive it at their next sync), remove. */
export function ContentPage() {
  const [result, reload] = useApi(contentAdminRoutes.list, {});
  const [editing, setEditing] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hubs = result.data?.hubs ?? [];
  const hubNames = (ids: string[]) =>
    ids.length === 0
      ? 'tutta la città'
      : ids.map((id) => hubs.find((h) => h.id === id)?.name ?? id).join(', ');
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Operazione non riuscita.');
    }
  };
  return (
    <>
      <div className="page-head">
        <h1>Contenuti dei totem</h1>
        {editing ? null : (
          <button type="button" onClick={() => setEditing(emptyDraft())}>
            Nuovo contenuto
          </button>
        )}
      </div>
      {editing ? (
        <Editor
          hubs={hubs}
          initial={editing}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
      <FormError error={error} />
      <Status result={result} />
      <ul className="content-list">
        {(result.data?.items ?? []).map((c) => (
          <li key={c.id} className="panel content-item">
            <div>
              <p className="kiosk-kind">
                {KIND_LABEL[c.kind]} · priorità {c.priority} · {c.published ? 'pubblicato' : 'bozza'}
              </p>
              <h2>{c.title.it}</h2>
              <p>{c.body.it}</p>
              <p className="muted">
                {hubNames(c.hubIds)} · dal {localDay(c.schedule.from)} al {localDay(c.schedule.to - 1)}
              </p>
            </div>
            <div className="row">
              <button type="button" className="secondary" onClick={() => setEditing(toDraft(c))}>
                Modifica<span className="visually-hidden"> {c.title.it}</span>
              </button>
              <button
                type="button"
                onClick={() =>
                  act(() =>
                    api(contentAdminRoutes.publish, {
                      params: { contentId: c.id },
                      body: { published: !c.published },
                    }),
                  )
                }
              >
                {c.published ? 'Ritira' : 'Pubblica'}
                <span className="visually-hidden"> {c.title.it}</span>
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (window.confirm(`Eliminare "${c.title.it}"? I totem smetteranno di mostrarlo.`))
                    void act(() => api(contentAdminRoutes.remove, { params: { contentId: c.id } }));
                }}
              >
                Elimina<span className="visually-hidden"> {c.title.it}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
