import {
  addLocalDays,
  CITY_TIME_ZONE,
  CONTENT_KINDS,
  type Content,
  type ContentImageRef,
  type ContentInput,
  type ContentLayout,
  type ContentMedia,
  type ContentPanel,
  contentAdminRoutes,
  deviceAdminRoutes,
  type HubOption,
  type Language,
  MEDIA_LIMITS,
  mediaRoutes,
} from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError, api, apiUpload, apiUrl } from '../api';
import { Field, FieldGroup } from '../components/Field';
import { Form } from '../components/Form';
import { FormError } from '../components/FormError';
import { optionsOf, SelectField } from '../components/SelectField';
import { SignagePreview } from '../components/SignagePreview';
import { Status } from '../components/Status';
import { localDay } from '../lib/format';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';
import { ContentWeekPanel } from './ContentWeekPanel';
import { LanguageCodes } from './content/LanguageCodes';
import { LanguageFields, type LanguageTexts, localizedInput } from './content/LanguageFields';
import { type TargetableKiosk, TargetFields, targetText } from './kiosk-targets';

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

/** The layouts and side panels as a coordinator reads them. */
const LAYOUT_LABEL: Record<ContentLayout, string> = {
  card: 'Scheda (testo, immagine accanto)',
  fullscreen: 'Schermo intero (immagine, titolo su una fascia)',
  zones: 'Zone (contenuto, riquadro laterale, altre notizie)',
};
const PANEL_LABEL: Record<ContentPanel, string> = {
  'today-here': 'Oggi in questa sede',
  'today-other-hubs': 'Oggi nelle altre sedi',
  'how-to-get-there': 'Come arrivare alle altre sedi',
};

/** A select of one of the content schema's closed lists, each value with its Italian label. */
function ChoiceField<T extends string>(props: {
  label: string;
  path: string;
  labels: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <SelectField
      label={props.label}
      path={props.path}
      value={props.value}
      onChange={(value) => props.onChange(value as T)}
      options={optionsOf(Object.keys(props.labels), (value) => props.labels[value as T])}
    />
  );
}

interface Draft {
  id: string | null;
  kind: Content['kind'];
  hubIds: string[];
  title: LanguageTexts;
  body: LanguageTexts;
  deviceIds: string[];
  tags: string[];
  from: string;
  to: string;
  days: number[];
  hoursFrom: string;
  hoursTo: string;
  priority: number;
  /** a version 0 picture, kept until the coordinator removes it (new uploads are `media`) */
  image: ContentImageRef | null;
  layout: ContentLayout;
  panel: ContentPanel;
  media: ContentMedia | null;
}

const startOf = (day: string) => addLocalDays(CITY_TIME_ZONE, Date.parse(`${day}T12:00:00Z`), 0);

function emptyDraft(): Draft {
  const today = localDay(Date.now());
  return {
    id: null,
    kind: 'news',
    hubIds: [],
    title: {},
    body: {},
    deviceIds: [],
    tags: [],
    from: today,
    to: localDay(addLocalDays(CITY_TIME_ZONE, Date.now(), 30)),
    days: [],
    hoursFrom: '',
    hoursTo: '',
    priority: 50,
    image: null,
    layout: 'card',
    panel: 'today-here',
    media: null,
  };
}

function toDraft(c: Content): Draft {
  return {
    id: c.id,
    kind: c.kind,
    hubIds: [...c.hubIds],
    title: { ...c.title },
    body: { ...c.body },
    deviceIds: [...(c.deviceIds ?? [])],
    tags: [...(c.tags ?? [])],
    from: localDay(c.schedule.from),
    to: localDay(c.schedule.to - 1),
    days: [...(c.schedule.days ?? [])],
    hoursFrom: c.schedule.hours?.from ?? '',
    hoursTo: c.schedule.hours?.to ?? '',
    priority: c.priority,
    image: c.image ?? null,
    layout: c.layout ?? 'card',
    panel: c.panel ?? 'today-here',
    media: c.media ?? null,
  };
}

function toInput(d: Draft): ContentInput {
  return {
    kind: d.kind,
    hubIds: d.hubIds,
    title: localizedInput(d.title),
    body: localizedInput(d.body),
    deviceIds: d.deviceIds,
    tags: d.tags,
    schedule: {
      from: startOf(d.from),
      to: addLocalDays(CITY_TIME_ZONE, startOf(d.to), 1),
      ...(d.days.length > 0 ? { days: d.days } : {}),
      ...(d.hoursFrom && d.hoursTo ? { hours: { from: d.hoursFrom, to: d.hoursTo } } : {}),
    },
    priority: d.priority,
    image: d.image,
    layout: d.layout,
    ...(d.layout === 'zones' ? { panel: d.panel } : {}),
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
        <h3 lang="it">{draft.title.it || 'Titolo'}</h3>
        <p lang="it">{draft.body.it || 'Testo del contenuto'}</p>
        {draft.title.en ? (
          <p className="kiosk-translation" lang="en">
            {draft.title.en} — {draft.body.en}
          </p>
        ) : null}
      </div>
      <figcaption>Anteprima come sul totem</figcaption>
    </figure>
  );
}

/** The draft as the content document kiosks would receive, for the signage preview. */
function previewItem(d: Draft): Content {
  const { image, media, ...input } = toInput(d);
  const { title, body } = input as unknown as Pick<Content, 'title' | 'body'>;
  return {
    id: d.id ?? 'anteprima',
    ...input,
    title,
    body,
    ...(image ? { image } : {}),
    ...(media ? { media } : {}),
    published: false,
    updatedAt: 0,
  };
}

function Editor({
  hubs,
  kiosks,
  initial,
  others,
  onDone,
}: {
  hubs: HubOption[];
  kiosks: TargetableKiosk[];
  initial: Draft;
  /** the other items, for the preview's ticker */
  others: Content[];
  onDone: () => void;
}) {
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
          <LanguageFields title={draft.title} body={draft.body} onChange={set} />
          <TargetFields
            hubLegend="Hub (nessuno: tutta la città)"
            hubs={hubs}
            kiosks={kiosks}
            target={draft}
            onChange={set}
          />
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
          <ChoiceField
            label="Impaginazione sul totem"
            path="/layout"
            labels={LAYOUT_LABEL}
            value={draft.layout}
            onChange={(layout) => set({ layout })}
          />
          {draft.layout === 'zones' ? (
            <ChoiceField
              label="Riquadro laterale"
              path="/panel"
              labels={PANEL_LABEL}
              value={draft.panel}
              onChange={(panel) => set({ panel })}
            />
          ) : null}
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
        <div className="previews">
          <KioskPreview draft={draft} />
          <SignagePreview
            item={previewItem(draft)}
            kindLabel={KIND_LABEL[draft.kind]}
            others={others.filter((o) => o.id !== draft.id && o.published)}
          />
        </div>
      </div>
    </section>
  );
}

/** The visitor languages an item lacks (from the server, which applies the kiosks' own fallback rule). */
function MissingLanguages({ missing }: { missing: Language[] }) {
  return (
    <p className="muted content-languages">
      {missing.length === 0 ? (
        'In tutte le 9 lingue'
      ) : (
        <>
          Lingue mancanti ({missing.length} di 9): <LanguageCodes languages={missing} />
        </>
      )}
    </p>
  );
}

/** Info screens: write, preview as on the kiosk, publish (kiosks receive it at their next sync), remove. */
export function ContentPage() {
  const [result, reload] = useApi(contentAdminRoutes.list, {});
  const [devices] = useApi(deviceAdminRoutes.list, {});
  const kiosks: TargetableKiosk[] = (devices.data?.devices ?? []).filter((d) => d.state === 'active');
  const kioskName = (id: string) => devices.data?.devices.find((d) => d.id === id)?.name ?? id;
  const [editing, setEditing] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hubs = result.data?.hubs ?? [];
  const hubName = (id: string) => hubs.find((h) => h.id === id)?.name ?? id;
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
          others={result.data?.items ?? []}
          hubs={hubs}
          kiosks={kiosks}
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
                {targetText(c, hubName, kioskName)} · dal {localDay(c.schedule.from)} al{' '}
                {localDay(c.schedule.to - 1)}
              </p>
              <MissingLanguages missing={result.data?.missingLanguages[c.id] ?? []} />
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
      <ContentWeekPanel kiosks={kiosks} />
    </>
  );
}
