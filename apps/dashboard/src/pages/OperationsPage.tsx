import {
  type Operation,
  type OperationInput,
  operationAdminRoutes,
  operationReadRoutes,
  TARGET_GROUP_LABEL,
  TARGET_GROUPS,
  type TargetGroup,
} from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { DataTable } from '../components/DataTable';
import { Field, FieldGroup } from '../components/Field';
import { Form } from '../components/Form';
import { optionsOf, SelectField } from '../components/SelectField';
import { Status } from '../components/Status';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';

/**
 * Funded operations (issue 18): the funder's code, dates, hubs, target group and planned hours. The admin and
 * coordinators create and change them; a hub lead reads those at their hubs.
 */
export function OperationsPage({ canEdit }: { canEdit: boolean }) {
  const [result, reload] = useApi(operationReadRoutes.list, {});
  const [editing, setEditing] = useState<Operation | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = result.data;
  const hubName = (id: string) => list?.hubs.find((h) => h.id === id)?.name ?? 'sede archiviata';
  const done = (message: string) => {
    setEditing(null);
    setNotice(message);
    reload();
  };
  return (
    <>
      <div className="page-head">
        <h1>Operazioni</h1>
        {canEdit && list && !editing ? (
          <button type="button" onClick={() => setEditing('new')}>
            Nuova operazione
          </button>
        ) : null}
      </div>
      <Status result={result} />
      {notice ? (
        <p role="status" className="ok">
          {notice}
        </p>
      ) : null}
      {list && editing ? (
        <OperationForm
          key={editing === 'new' ? 'new' : editing.id}
          existing={editing === 'new' ? null : editing}
          hubs={list.hubs}
          onDone={done}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {list ? (
        <DataTable
          caption="Operazioni finanziate"
          rows={list.operations}
          rowKey={(o) => o.id}
          columns={[
            { label: 'Codice', value: (o) => o.code, rowHeader: true },
            { label: 'Nome', value: (o) => o.name },
            { label: 'Dal', value: (o) => o.startsOn },
            { label: 'Al', value: (o) => o.endsOn },
            { label: 'Sedi', value: (o) => o.hubIds.map(hubName).join(', ') },
            { label: 'Destinatari', value: (o) => TARGET_GROUP_LABEL[o.targetGroup] ?? o.targetGroup },
            { label: 'Ore previste', value: (o) => o.plannedHours.toLocaleString('it-IT'), numeric: true },
            { label: 'Sessioni', value: (o) => o.sessions, numeric: true },
            { label: 'Partecipanti', value: (o) => o.participants, numeric: true },
            ...(canEdit
              ? [
                  {
                    label: 'Azioni',
                    value: (o: Operation) => (
                      <button type="button" className="secondary" onClick={() => setEditing(o)}>
                        Modifica<span className="visually-hidden"> {o.code}</span>
                      </button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
    </>
  );
}

function OperationForm({
  existing,
  hubs,
  onDone,
  onCancel,
}: {
  existing: Operation | null;
  hubs: ReadonlyArray<{ id: string; name: string }>;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<OperationInput>({
    code: existing?.code ?? '',
    name: existing?.name ?? '',
    startsOn: existing?.startsOn ?? '',
    endsOn: existing?.endsOn ?? '',
    hubIds: existing?.hubIds ?? [],
    targetGroup: existing?.targetGroup ?? 'everyone',
    plannedHours: existing?.plannedHours ?? 0,
  });
  const errors = useFormErrors();
  const set = <K extends keyof OperationInput>(key: K, value: OperationInput[K]) =>
    setForm({ ...form, [key]: value });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    errors.clear();
    if (form.hubIds.length === 0) return errors.show('/hubIds', 'Scegli almeno una sede');
    try {
      if (existing) {
        await api(operationAdminRoutes.update, { params: { operationId: existing.id }, body: form });
        onDone(`Operazione «${form.code}» aggiornata.`);
      } else {
        await api(operationAdminRoutes.create, { body: form });
        onDone(`Operazione «${form.code}» creata.`);
      }
    } catch (e) {
      errors.fail(e, 'Salvataggio non riuscito.');
    }
  }

  return (
    <section className="panel" aria-labelledby="operation-title">
      <h2 id="operation-title">{existing ? `Modifica «${existing.code}»` : 'Nuova operazione'}</h2>
      <Form className="stack" errors={errors} onSubmit={submit}>
        <Field label="Codice dell'ente finanziatore" path="/code">
          <input
            name="code"
            value={form.code}
            onChange={(e) => set('code', e.target.value)}
            maxLength={60}
            required
          />
        </Field>
        <Field label="Nome" path="/name">
          <input
            name="name"
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
            maxLength={200}
            required
          />
        </Field>
        <div className="row">
          <Field label="Inizio" path="/startsOn">
            <input
              name="startsOn"
              type="date"
              value={form.startsOn}
              onChange={(e) => set('startsOn', e.target.value)}
              required
            />
          </Field>
          <Field label="Fine" path="/endsOn">
            <input
              name="endsOn"
              type="date"
              value={form.endsOn}
              onChange={(e) => set('endsOn', e.target.value)}
              required
            />
          </Field>
          <Field label="Ore previste per partecipante" path="/plannedHours">
            <input
              name="plannedHours"
              type="number"
              min={0}
              step={0.5}
              value={form.plannedHours}
              onChange={(e) => set('plannedHours', Number(e.target.value))}
            />
          </Field>
        </div>
        <SelectField
          label="Destinatari"
          path="/targetGroup"
          value={form.targetGroup}
          onChange={(v) => set('targetGroup', v as TargetGroup)}
          options={optionsOf(TARGET_GROUPS, (g) => TARGET_GROUP_LABEL[g as TargetGroup] ?? g)}
        />
        <FieldGroup legend="Sedi" path="/hubIds">
          <div className="row">
            {hubs.map((h) => (
              <label key={h.id} className="inline">
                <input
                  type="checkbox"
                  checked={form.hubIds.includes(h.id)}
                  onChange={(e) =>
                    set(
                      'hubIds',
                      e.target.checked ? [...form.hubIds, h.id] : form.hubIds.filter((id) => id !== h.id),
                    )
                  }
                />
                {h.name}
              </label>
            ))}
          </div>
        </FieldGroup>
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
