import {
  DEVICE_NAME_MAX,
  DEVICE_PLACE_MAX,
  type DeviceRow,
  deviceAdminRoutes,
  deviceRoutes,
  isClockSkewed,
  type NewEnrolmentCode,
} from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { AlertsPanel } from '../components/AlertsPanel';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { FormError } from '../components/FormError';
import { SelectField } from '../components/SelectField';
import { Status } from '../components/Status';

import { fmtDateTime, fmtDuration } from '../lib/format';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** How a kiosk's state reads in the list. */
const EDIT_TITLE = { edit: 'Modifica', move: 'Sposta', tags: 'Gruppi per' } as const;

function stateText(d: DeviceRow) {
  switch (d.state) {
    case 'retired':
      return `ritirato il ${fmtDateTime(d.endedAt)}`;
    case 'moved':
      return `spostato a ${d.movedToHubName ?? 'un altro hub'}`;
    case 'revoked':
      return 'revocato';
    default:
      return d.storage === 'full' ? (
        // The kiosk still serves but stores nothing new: someone must free space on it.
        <strong className="warn">disco pieno</strong>
      ) : d.stale ? (
        <strong className="warn">da controllare</strong>
      ) : (
        'in regola'
      );
  }
}

/** Disk space as a disk's label says it: "850 MB", "12,5 GB" (MiB in, 1024-based like the kiosk's report). */
function diskSize(mib: number): string {
  if (mib < 1024) return `${mib.toLocaleString('it-IT')} MB`;
  return `${(mib / 1024).toLocaleString('it-IT', { maximumFractionDigits: 1 })} GB`;
}

/** Bytes as MB with one decimal, Italian style (12,5). */
const fmtMegabytes = (bytes: number) =>
  (bytes / (1024 * 1024)).toLocaleString('it-IT', { maximumFractionDigits: 1 });

/** Before a kiosk loses its credential: what it has not sent yet is lost with it. */
const pendingWarning = (d: DeviceRow) =>
  d.pendingPush ? ` Ha ancora ${d.pendingPush} documenti da inviare: andranno persi.` : '';

/**
 * Kiosks: where each is (hub and place), when it last synced, what it has waiting; enrol a new one with a code or
 * QR; rename, move to another hub (a new code for it there), retire, revoke.
 */
export function DevicesPage() {
  const [result, reload] = useApi(deviceAdminRoutes.list, {});
  const [code, setCode] = useState<NewEnrolmentCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ kind: 'edit' | 'move' | 'tags'; device: DeviceRow } | null>(null);
  const codeErrors = useFormErrors();
  const list = result.data;

  async function newCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const hubId = String(form.get('hubId') ?? '');
    const place = String(form.get('place') ?? '');
    codeErrors.clear();
    try {
      setCode(await api(deviceAdminRoutes.enrolmentCode, { body: { hubId, place } }));
    } catch (e) {
      codeErrors.fail(e, 'Codice non creato.');
    }
  }
  async function saveDevice(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editing) return;
    const form = new FormData(event.currentTarget);
    const place = String(form.get('place') ?? '');
    const deviceId = editing.device.id;
    setError(null);
    try {
      if (editing.kind === 'tags') {
        // typed as "totem, ingresso": the server checks each name and says which one is wrong
        const tags = String(form.get('tags') ?? '')
          .split(/[,\s]+/)
          .filter((t) => t !== '');
        await api(deviceAdminRoutes.tags, { params: { deviceId }, body: { tags } });
      } else if (editing.kind === 'edit') {
        const name = String(form.get('name') ?? '');
        await api(deviceAdminRoutes.update, { params: { deviceId }, body: { name, place } });
      } else {
        const hubId = String(form.get('hubId') ?? '');
        if (
          !window.confirm(
            `Spostare il totem "${editing.device.name}"? Smetterà subito di sincronizzarsi: registralo nel nuovo hub con il codice che apparirà.${pendingWarning(editing.device)}`,
          )
        )
          return;
        setCode(await api(deviceAdminRoutes.move, { params: { deviceId }, body: { hubId, place } }));
      }
      setEditing(null);
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Modifica non riuscita.');
    }
  }
  async function retire(d: DeviceRow) {
    if (
      !window.confirm(
        `Ritirare il totem "${d.name}"? Smetterà subito di sincronizzarsi e resterà nell'elenco come ritirato, con la sua storia.${pendingWarning(d)}`,
      )
    )
      return;
    setError(null);
    try {
      await api(deviceAdminRoutes.retire, { params: { deviceId: d.id } });
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Ritiro non riuscito.');
    }
  }
  async function revoke(id: string, name: string) {
    if (
      !window.confirm(
        `Revocare il totem "${name}"? Smetterà subito di sincronizzarsi e andrà registrato di nuovo.`,
      )
    )
      return;
    setError(null);
    try {
      await api(deviceRoutes.revoke, { params: { deviceId: id } });
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Revoca non riuscita.');
    }
  }

  return (
    <>
      <h1>Totem</h1>
      <AlertsPanel />
      <Status result={result} />
      <FormError error={error} />
      {list ? (
        <>
          <section className="panel" aria-labelledby="enrol-title">
            <h2 id="enrol-title">Registra un nuovo totem</h2>
            <Form className="row" errors={codeErrors} onSubmit={newCode}>
              <SelectField
                label="Hub"
                name="hubId"
                path="/hubId"
                required
                options={list.hubs.filter((h) => !h.archived).map((h) => ({ value: h.id, label: h.name }))}
              />
              <Field label="Posizione (facoltativa)" path="/place">
                <input name="place" maxLength={DEVICE_PLACE_MAX} placeholder="Ingresso, piano terra" />
              </Field>
              <button type="submit">Crea codice di registrazione</button>
            </Form>
            {code ? (
              <div className="enrol-code">
                <img src={svgUrl(code.qrSvg)} alt={`QR del codice ${code.code}`} width={180} height={180} />
                <div>
                  <p>
                    Codice:{' '}
                    <strong className="code" data-testid="enrolment-code">
                      {code.code}
                    </strong>
                  </p>
                  <p className="muted">
                    Per l’hub {list.hubs.find((h) => h.id === code.hubId)?.name ?? code.hubId}. Valido una
                    volta sola, fino a {fmtDateTime(code.expiresAt)}. Inquadra il QR con il totem o digita il
                    codice.
                  </p>
                </div>
              </div>
            ) : null}
          </section>
          {editing ? (
            <section className="panel" aria-labelledby="device-edit-title">
              <h2 id="device-edit-title">
                {EDIT_TITLE[editing.kind]} il totem “{editing.device.name}”
              </h2>
              {editing.kind === 'move' ? (
                <p className="muted">
                  Il totem smette subito di sincronizzarsi con {editing.device.hubName}; poi va registrato di
                  nuovo, nel nuovo hub, con il codice che apparirà qui sopra.
                </p>
              ) : null}
              {editing.kind === 'tags' ? (
                <form className="row" onSubmit={saveDevice} key={`tags-${editing.device.id}`}>
                  <label>
                    Gruppi (separati da virgola: minuscole, cifre, trattini)
                    <input
                      name="tags"
                      defaultValue={editing.device.tags.join(', ')}
                      placeholder="totem, ingresso"
                      // biome-ignore lint/a11y/noAutofocus: the form opens on the user's click, for this field
                      autoFocus
                    />
                  </label>
                  <button type="submit">Salva i gruppi</button>
                  <button type="button" className="secondary" onClick={() => setEditing(null)}>
                    Annulla
                  </button>
                </form>
              ) : (
                <form className="row" onSubmit={saveDevice} key={`${editing.kind}-${editing.device.id}`}>
                  {editing.kind === 'edit' ? (
                    <label>
                      Nome
                      <input
                        name="name"
                        required
                        maxLength={DEVICE_NAME_MAX}
                        defaultValue={editing.device.name}
                        // biome-ignore lint/a11y/noAutofocus: the form opens on the user's click, for this field
                        autoFocus
                      />
                    </label>
                  ) : (
                    <SelectField
                      label="Nuovo hub"
                      name="hubId"
                      required
                      options={list.hubs
                        .filter((h) => h.id !== editing.device.hubId && !h.archived)
                        .map((h) => ({ value: h.id, label: h.name }))}
                    />
                  )}
                  <label>
                    Posizione
                    <input
                      name="place"
                      maxLength={DEVICE_PLACE_MAX}
                      defaultValue={editing.device.place ?? ''}
                      placeholder="Ingresso, piano terra"
                    />
                  </label>
                  <button type="submit">
                    {editing.kind === 'edit' ? 'Salva' : 'Sposta e crea il codice'}
                  </button>
                  <button type="button" className="secondary" onClick={() => setEditing(null)}>
                    Annulla
                  </button>
                </form>
              )}
            </section>
          ) : null}
          <DataTable
            caption={`Totem registrati (in evidenza chi non si sincronizza da oltre ${fmtDuration(list.staleAfterMs)})`}
            className="devices"
            rows={list.devices}
            rowKey={(d) => d.id}
            columns={[
              {
                label: 'Totem',
                value: (d) => (
                  <>
                    {d.name}
                    {d.place ? <span className="muted device-place">{d.place}</span> : null}
                  </>
                ),
                rowHeader: true,
              },
              { label: 'Hub', value: (d) => d.hubName },
              { label: 'Gruppi', value: (d) => (d.tags.length > 0 ? d.tags.join(', ') : '–') },
              { label: 'Stato', value: stateText },
              { label: 'Ultima sincronizzazione', value: (d) => fmtDateTime(d.lastSeenAt) },
              { label: 'In attesa di invio', value: (d) => d.pendingPush ?? '–', numeric: true },
              {
                label: 'Spazio libero',
                // a nearly full disk also raises an alert (the list above), with the server's threshold
                value: (d) => (d.disk ? `${diskSize(d.disk.freeMiB)} su ${diskSize(d.disk.totalMiB)}` : '–'),
                numeric: true,
              },
              {
                label: 'Troppo grandi da inviare',
                value: (d) =>
                  d.tooLarge && d.tooLarge.count > 0 ? (
                    <>
                      <strong className="warn">{d.tooLarge.count}</strong>
                      {d.tooLarge.ids.map((id) => (
                        <span key={id} className="muted document-ref">
                          {' '}
                          {id}
                        </span>
                      ))}
                    </>
                  ) : (
                    '–'
                  ),
              },
              {
                label: 'Contenuti multimediali (file, MB / budget)',
                value: (d) =>
                  d.media ? (
                    <>
                      {d.media.files} file, {fmtMegabytes(d.media.bytes)} /{' '}
                      {fmtMegabytes(d.media.budgetBytes)} MB
                    </>
                  ) : (
                    '–'
                  ),
                numeric: true,
              },
              { label: 'Versione', value: (d) => d.appVersion ?? '–' },
              {
                label: 'Differenza orologio',
                value: (d) => {
                  if (d.clockOffsetMs === null) return '–';
                  const text = `${d.clockOffsetMs >= 0 ? '+' : '−'}${fmtDuration(d.clockOffsetMs)}`;
                  return isClockSkewed(d.clockOffsetMs) ? (
                    <strong className="warn">{text} (orologio sbagliato)</strong>
                  ) : (
                    text
                  );
                },
                numeric: true,
              },
              {
                label: 'Azioni',
                value: (d) => {
                  const which = (
                    <span className="visually-hidden">
                      {' '}
                      {d.name}, {d.hubName}
                    </span>
                  );
                  if (d.state === 'retired' || d.state === 'moved') return '–';
                  return (
                    <span className="actions">
                      {d.state === 'active' ? (
                        <>
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => setEditing({ kind: 'edit', device: d })}
                          >
                            Modifica{which}
                          </button>
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => setEditing({ kind: 'tags', device: d })}
                          >
                            Gruppi{which}
                          </button>
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => setEditing({ kind: 'move', device: d })}
                          >
                            Sposta{which}
                          </button>
                        </>
                      ) : null}
                      <button type="button" className="danger" onClick={() => void retire(d)}>
                        Ritira{which}
                      </button>
                      {d.state === 'active' ? (
                        <button type="button" className="danger" onClick={() => void revoke(d.id, d.name)}>
                          Revoca{which}
                        </button>
                      ) : null}
                    </span>
                  );
                },
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
