import {
  type ArchiveRefusalDetails,
  deviceRoutes,
  type HubInput,
  type HubRow,
  hubAdminRoutes,
  TARGET_GROUP_LABEL,
} from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { DataTable } from '../components/DataTable';
import { FormError } from '../components/FormError';
import { Status } from '../components/Status';
import { useApi } from '../lib/use-api';
import { draftOf, emptyHub, HubForm } from './hub-form';

const DAY_SHORT = ['dom', 'lun', 'mar', 'mer', 'gio', 'ven', 'sab'];

/** Opening hours, one weekday a line (Monday first): "lun 09:00–12:30, 14:00–18:00". */
function HoursList({ hub }: { hub: HubRow }) {
  const days = [1, 2, 3, 4, 5, 6, 0].flatMap((day) => {
    const of = hub.openingHours.filter((h) => h.day === day);
    return of.length > 0 ? [`${DAY_SHORT[day]} ${of.map((h) => `${h.open}–${h.close}`).join(', ')}`] : [];
  });
  if (days.length === 0) return <>nessun orario</>;
  return (
    <ul className="hours-list">
      {days.map((d) => (
        <li key={d}>{d}</li>
      ))}
    </ul>
  );
}

type Editing = { kind: 'new' } | { kind: 'edit'; hub: HubRow } | null;
interface ArchiveBlock {
  hub: HubRow;
  kiosks: ArchiveRefusalDetails['kiosks'];
}

/**
 * The hubs ("Sedi"): every role sees them; the admin and coordinators create, edit and archive them. Archiving a
 * hub whose kiosks are still active is refused by the server with the kiosks: the page lists them and offers to
 * retire them (revoke) and archive, or to cancel.
 */
export function HubsPage({ canEdit }: { canEdit: boolean }) {
  const [result, reload] = useApi(hubAdminRoutes.list, {});
  const [editing, setEditing] = useState<Editing>(null);
  const [blocked, setBlocked] = useState<ArchiveBlock | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = result.data;

  async function save(input: HubInput) {
    if (editing?.kind === 'edit') {
      await api(hubAdminRoutes.update, { params: { hubId: editing.hub.id }, body: input });
      setNotice(`Sede «${input.name}» aggiornata: i totem la ricevono alla prossima sincronizzazione.`);
    } else {
      await api(hubAdminRoutes.create, { body: input });
      setNotice(`Sede «${input.name}» creata.`);
    }
    setEditing(null);
    reload();
  }

  async function archive(hub: HubRow, archived: boolean) {
    setError(null);
    setNotice(null);
    try {
      await api(hubAdminRoutes.archive, { params: { hubId: hub.id }, body: { archived } });
      setBlocked(null);
      setNotice(archived ? `Sede «${hub.name}» archiviata.` : `Sede «${hub.name}» di nuovo attiva.`);
      reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setBlocked({ hub, kiosks: (e.details as ArchiveRefusalDetails).kiosks });
      } else setError(e instanceof ApiError ? e.message : 'Operazione non riuscita.');
    }
  }

  async function retireAndArchive(block: ArchiveBlock) {
    setError(null);
    try {
      // The kiosks admin will have its own "retire"; revoking is what retiring does to a kiosk today.
      for (const k of block.kiosks) await api(deviceRoutes.revoke, { params: { deviceId: k.id } });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Ritiro dei totem non riuscito.');
      return;
    }
    await archive(block.hub, true);
  }

  return (
    <>
      <div className="page-head">
        <h1>Sedi</h1>
        {canEdit && list && !editing ? (
          <button type="button" onClick={() => setEditing({ kind: 'new' })}>
            Nuova sede
          </button>
        ) : null}
      </div>
      <Status result={result} />
      <FormError error={error} />
      {notice ? (
        <p role="status" className="ok">
          {notice}
        </p>
      ) : null}
      {blocked ? (
        <section
          className="panel"
          role="alertdialog"
          aria-labelledby="archive-title"
          aria-describedby="archive-why"
        >
          <h2 id="archive-title">Archiviare «{blocked.hub.name}»?</h2>
          <p id="archive-why">
            La sede ha ancora{' '}
            {blocked.kiosks.length === 1 ? 'un totem attivo' : `${blocked.kiosks.length} totem attivi`}:{' '}
            {blocked.kiosks.map((k) => k.name).join(', ')}. Per archiviarla vanno ritirati (smettono subito di
            sincronizzarsi e andranno registrati di nuovo altrove).
          </p>
          <div className="row">
            <button type="button" className="danger" onClick={() => void retireAndArchive(blocked)}>
              Ritira i totem e archivia
            </button>
            <button type="button" className="secondary" onClick={() => setBlocked(null)}>
              Annulla
            </button>
          </div>
        </section>
      ) : null}
      {list && editing ? (
        <HubForm
          key={editing.kind === 'edit' ? editing.hub.id : 'new'}
          title={editing.kind === 'edit' ? `Modifica «${editing.hub.name}»` : 'Nuova sede'}
          initial={editing.kind === 'edit' ? draftOf(editing.hub) : emptyHub(list.areas[0] ?? '')}
          areas={list.areas}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {list ? (
        <DataTable
          caption="Sedi della città (le archiviate in fondo)"
          className="hubs"
          rows={list.hubs}
          rowKey={(h) => h.id}
          columns={[
            { label: 'Sede', value: (h) => h.name, rowHeader: true },
            { label: 'Zona', value: (h) => h.area },
            { label: 'Indirizzo', value: (h) => h.address },
            {
              label: 'Gruppi',
              value: (h) => h.targetGroups.map((g) => TARGET_GROUP_LABEL[g] ?? g).join(', ') || '–',
            },
            { label: 'Orari', value: (h) => <HoursList hub={h} /> },
            {
              label: 'Chiusure',
              value: (h) =>
                h.closures.length > 0
                  ? h.closures.map((c) => `${c.from}→${c.to}${c.reason ? ` (${c.reason})` : ''}`).join('; ')
                  : '–',
            },
            { label: 'Facilitatori', value: (h) => h.facilitators.map((f) => f.name).join(', ') || '–' },
            { label: 'Totem attivi', value: (h) => h.activeKiosks, numeric: true },
            { label: 'Stato', value: (h) => (h.archived ? 'archiviata' : 'attiva') },
            ...(canEdit
              ? [
                  {
                    label: 'Azioni',
                    value: (h: HubRow) => (
                      <span className="row">
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => setEditing({ kind: 'edit', hub: h })}
                        >
                          Modifica<span className="visually-hidden"> {h.name}</span>
                        </button>
                        <button
                          type="button"
                          className={h.archived ? 'secondary' : 'danger'}
                          onClick={() => void archive(h, !h.archived)}
                        >
                          {h.archived ? 'Riattiva' : 'Archivia'}
                          <span className="visually-hidden"> {h.name}</span>
                        </button>
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {list && canEdit ? <AreasPanel areas={list.areas} onChange={reload} /> : null}
    </>
  );
}

/** The editable list of areas hubs may be in. */
function AreasPanel({ areas, onChange }: { areas: readonly string[]; onChange: () => void }) {
  const [error, setError] = useState<string | null>(null);
  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('area') ?? '');
    setError(null);
    try {
      await api(hubAdminRoutes.addArea, { body: { name } });
      form.reset();
      onChange();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Zona non aggiunta.');
    }
  }
  async function remove(name: string) {
    setError(null);
    try {
      await api(hubAdminRoutes.removeArea, { params: { name } });
      onChange();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Zona non tolta.');
    }
  }
  return (
    <section className="panel" aria-labelledby="areas-title">
      <h2 id="areas-title">Zone</h2>
      <ul className="areas">
        {areas.map((a) => (
          <li key={a}>
            {a}{' '}
            <button type="button" className="link" onClick={() => void remove(a)}>
              Togli<span className="visually-hidden"> la zona {a}</span>
            </button>
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={add}>
        <label>
          Nuova zona
          <input name="area" required maxLength={80} aria-describedby={error ? 'area-error' : undefined} />
        </label>
        <button type="submit">Aggiungi zona</button>
      </form>
      <FormError id="area-error" error={error} />
    </section>
  );
}
