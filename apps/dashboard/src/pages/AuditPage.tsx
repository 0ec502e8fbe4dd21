import {
  AUDIT_ACTION_LABEL,
  AUDIT_TARGET_LABEL,
  type AuditEntryRow,
  type AuditQuery,
  auditRoutes,
  type Role,
  TARGET_GROUP_LABEL,
} from '@vigevano/protocol';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, api } from '../api';
import { DataTable } from '../components/DataTable';
import { DownloadCsv } from '../components/DownloadCsv';
import { FormError } from '../components/FormError';
import { SelectField } from '../components/SelectField';
import { Status } from '../components/Status';
import { type AuditChange, auditChanges } from '../lib/audit-diff';
import { fmtDateTime } from '../lib/format';
import { ROLE_LABEL } from '../lib/roles';
import { useApi } from '../lib/use-api';

/** The filters the page keeps in its URL (a filtered view can be bookmarked or sent). */
const FILTERS = ['actor', 'action', 'targetType', 'hub', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

/** Field names of the recorded states, in Italian where the page knows them. */
const FIELD_LABEL: Record<string, string> = {
  name: 'nome',
  place: 'posizione',
  hubId: 'hub',
  revoked: 'revocato',
  retired: 'ritirato',
  published: 'pubblicato',
  priority: 'priorità',
  role: 'ruolo',
  reason: 'motivo',
  language: 'lingua',
  personalData: 'dati personali',
  changedFields: 'campi modificati',
  fields: 'campi registrati',
  cardsErased: 'tessere cancellate',
  expiresAt: 'scade',
  revokedAt: 'revocato il',
  keyId: 'chiave',
  replaces: 'sostituisce il totem',
  title: 'titolo',
  body: 'testo',
  schedule: 'calendario',
  hubIds: 'hub',
  kind: 'tipo',
  visitorId: 'persona',
  cardId: 'tessera',
};

const actionLabel = (action: string) => AUDIT_ACTION_LABEL[action] ?? action;
const targetLabel = (type: string) => AUDIT_TARGET_LABEL[type] ?? type;
/** `title.it` reads as "titolo (it)": the known word for the field, then the rest of its path. */
const fieldLabel = (field: string) => {
  const [head = '', ...rest] = field.split('.');
  const label = FIELD_LABEL[head] ?? head;
  return rest.length > 0 ? `${label} (${rest.join('.')})` : label;
};

/** What an entry names its target by, when its state has a name (a kiosk, a token); the id otherwise. */
function targetName(entry: AuditEntryRow): string | undefined {
  for (const state of [entry.after, entry.before])
    if (state && typeof state === 'object' && 'name' in state && typeof state.name === 'string')
      return state.name;
  return undefined;
}
const changeText = (c: AuditChange) => `${fieldLabel(c.field)}: ${c.before} → ${c.after}`;

/**
 * The audit log (admin): every administrative action with who, when, what and what changed; filtered by actor,
 * action, kind of target, hub and days; newest first, older entries on request; the loaded entries as CSV.
 */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const query: AuditQuery = {};
  for (const f of FILTERS) {
    const value = params.get(f);
    if (value) query[f] = value;
  }
  const [result] = useApi(auditRoutes.list, { query });
  // Older pages loaded for these filters (other filters start the list again: their key differs).
  const filtersKey = params.toString();
  const [loaded, setLoaded] = useState<{ key: string; entries: AuditEntryRow[]; cursor: string | null }>();
  const older = loaded?.key === filtersKey ? loaded : undefined;
  const [error, setError] = useState<string | null>(null);
  const page = result.data;
  const entries = useMemo(() => [...(page?.entries ?? []), ...(older?.entries ?? [])], [page, older]);
  const cursor = older ? older.cursor : (page?.nextCursor ?? null);
  const hubName = useMemo(() => new Map(page?.options.hubs.map((h) => [h.id, h.name])), [page]);
  // Ids read as hub names, and the house's codes (roles, target groups) as the dashboard words them elsewhere.
  const name = useCallback(
    (value: string) =>
      hubName.get(value) ??
      ROLE_LABEL[value as Role] ??
      (value === '' ? value : TARGET_GROUP_LABEL[value]) ??
      value,
    [hubName],
  );

  const setFilter = (filter: Filter, value: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(filter, value);
      else next.delete(filter);
      return next;
    });
  async function loadOlder() {
    if (!cursor) return;
    setError(null);
    try {
      const next = await api(auditRoutes.list, { query: { ...query, before: cursor } });
      setLoaded({
        key: filtersKey,
        entries: [...(older?.entries ?? []), ...next.entries],
        cursor: next.nextCursor,
      });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Voci non caricate.');
    }
  }

  const csvRows = useMemo(
    () =>
      entries.map((e) => [
        new Date(e.at).toISOString(),
        e.actorLabel,
        e.action,
        e.targetType,
        e.targetId,
        e.hubName ?? e.hubId ?? '',
        auditChanges(e.before, e.after, name).map(changeText).join('; '),
        e.before === null ? '' : JSON.stringify(e.before),
        e.after === null ? '' : JSON.stringify(e.after),
      ]),
    [entries, name],
  );

  return (
    <>
      <h1>Registro attività</h1>
      <p className="muted">
        Ogni operazione amministrativa: chi l’ha fatta, quando, su cosa e che cosa è cambiato. Il registro non
        si può modificare. I dati personali non vi compaiono: solo quali campi sono cambiati.
      </p>
      <form className="filters" aria-label="Filtri" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Chi"
          value={query.actor ?? ''}
          onChange={(v) => setFilter('actor', v)}
          empty="Tutti"
          options={(page?.options.actors ?? []).map((a) => ({ value: a.id, label: a.label }))}
        />
        <SelectField
          label="Azione"
          value={query.action ?? ''}
          onChange={(v) => setFilter('action', v)}
          empty="Tutte"
          options={(page?.options.actions ?? []).map((a) => ({ value: a, label: actionLabel(a) }))}
        />
        <SelectField
          label="Oggetto"
          value={query.targetType ?? ''}
          onChange={(v) => setFilter('targetType', v)}
          empty="Tutti"
          options={(page?.options.targetTypes ?? []).map((t) => ({ value: t, label: targetLabel(t) }))}
        />
        <SelectField
          label="Hub"
          value={query.hub ?? ''}
          onChange={(v) => setFilter('hub', v)}
          empty="Tutta la città"
          options={(page?.options.hubs ?? []).map((h) => ({ value: h.id, label: h.name }))}
        />
        <label>
          Dal
          <input
            type="date"
            value={query.from ?? ''}
            max={query.to}
            onChange={(e) => setFilter('from', e.target.value)}
          />
        </label>
        <label>
          Al
          <input
            type="date"
            value={query.to ?? ''}
            min={query.from}
            onChange={(e) => setFilter('to', e.target.value)}
          />
        </label>
      </form>
      <Status result={result} />
      <FormError error={error} />
      {page ? (
        <>
          <div className="row">
            <DownloadCsv
              filename="registro-attivita.csv"
              header={[
                'data e ora (UTC)',
                'chi',
                'azione',
                'oggetto',
                'id',
                'hub',
                'modifiche',
                'prima',
                'dopo',
              ]}
              rows={csvRows}
            />
            <span className="muted">
              {entries.length === 1
                ? 'Il CSV contiene la voce mostrata.'
                : `Il CSV contiene le ${entries.length} voci mostrate.`}
            </span>
          </div>
          <DataTable
            caption="Operazioni, dalla più recente"
            className="audit"
            rows={entries}
            rowKey={(e) => e.id}
            columns={[
              { label: 'Quando', value: (e) => fmtDateTime(e.at), rowHeader: true },
              { label: 'Chi', value: (e) => e.actorLabel },
              { label: 'Azione', value: (e) => actionLabel(e.action) },
              {
                label: 'Oggetto',
                value: (e) => (
                  <>
                    {targetLabel(e.targetType)} {targetName(e) ?? ''}
                    <span className="muted document-ref device-place">{name(e.targetId)}</span>
                  </>
                ),
              },
              { label: 'Hub', value: (e) => e.hubName ?? '–' },
              {
                label: 'Che cosa è cambiato',
                value: (e) => {
                  const changes = auditChanges(e.before, e.after, name);
                  return changes.length === 0 ? (
                    '–'
                  ) : (
                    <ul className="changes">
                      {changes.map((c) => (
                        <li key={c.field}>
                          {fieldLabel(c.field)}:{' '}
                          {e.before === null ? (
                            <ins>{c.after}</ins>
                          ) : e.after === null ? (
                            <del>{c.before}</del>
                          ) : (
                            <>
                              <del>{c.before}</del> → <ins>{c.after}</ins>
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  );
                },
              },
            ]}
          />
          {cursor ? (
            <button type="button" className="secondary" onClick={() => void loadOlder()}>
              Mostra voci più vecchie
            </button>
          ) : null}
        </>
      ) : null}
    </>
  );
}
