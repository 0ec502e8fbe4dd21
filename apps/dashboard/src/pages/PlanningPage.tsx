import {
  type PlannedSession,
  planningRoutes,
  type SeriesInput,
  type SeriesPreview,
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
import { fmtDateTime } from '../lib/format';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';

/** RFC 5545 weekday codes, Monday first as Italian calendars show them. */
const WEEKDAYS = [
  ['MO', 'lun'],
  ['TU', 'mar'],
  ['WE', 'mer'],
  ['TH', 'gio'],
  ['FR', 'ven'],
  ['SA', 'sab'],
  ['SU', 'dom'],
] as const;

const STATUS_LABEL: Record<PlannedSession['status'], string> = {
  planned: 'pianificata',
  open: 'aperta',
  closed: 'chiusa',
  cancelled: 'annullata',
};

/** The RRULE the form's weekly choice stands for (the server checks it: RFC 5545, at most 3 years). */
function weeklyRule(days: readonly string[], until: string): string {
  return `FREQ=WEEKLY;BYDAY=${days.join(',')};UNTIL=${until.replaceAll('-', '')}`;
}

/**
 * Planning (issue 18): a weekly series (or a single date) at a hub, with a preview of the dates the rule gives and
 * those it skips (public holidays, the hub's closures); the sessions planned from today on, each cancellable. The
 * kiosks of the hub receive every planned session by replication.
 */
export function PlanningPage() {
  const [result, reload] = useApi(planningRoutes.overview, {});
  const [notice, setNotice] = useState<string | null>(null);
  const data = result.data;
  const hubName = (id: string) => data?.hubs.find((h) => h.id === id)?.name ?? '';

  async function cancel(s: PlannedSession) {
    if (
      !window.confirm(
        `Annullare «${s.title}» del ${fmtDateTime(s.startsAt)}? I totem la mostreranno annullata.`,
      )
    )
      return;
    try {
      await api(planningRoutes.cancelSession, { params: { sessionId: s.id } });
      setNotice('Sessione annullata.');
      reload();
    } catch (e) {
      setNotice(e instanceof Error ? e.message : 'Annullamento non riuscito.');
    }
  }

  return (
    <>
      <div className="page-head">
        <h1>Pianificazione</h1>
      </div>
      <Status result={result} />
      {notice ? (
        <p role="status" className="ok">
          {notice}
        </p>
      ) : null}
      {data && data.hubs.length > 0 ? (
        <SeriesForm
          hubs={data.hubs}
          operations={data.operations}
          onDone={(m) => {
            setNotice(m);
            reload();
          }}
        />
      ) : null}
      {data ? (
        <DataTable
          caption="Sessioni pianificate da oggi"
          rows={data.sessions}
          rowKey={(s) => s.id}
          columns={[
            { label: 'Quando', value: (s) => fmtDateTime(s.startsAt), rowHeader: true },
            { label: 'Titolo', value: (s) => s.title },
            { label: 'Sede', value: (s) => hubName(s.hubId) },
            { label: 'Aula', value: (s) => s.room || '–' },
            { label: 'Facilitatore', value: (s) => s.facilitator || '–' },
            { label: 'Stato', value: (s) => STATUS_LABEL[s.status] },
            {
              label: 'Azioni',
              value: (s) =>
                s.status === 'planned' ? (
                  <button type="button" className="secondary" onClick={() => cancel(s)}>
                    Annulla
                    <span className="visually-hidden">
                      {' '}
                      {s.title} del {fmtDateTime(s.startsAt)}
                    </span>
                  </button>
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

function SeriesForm({
  hubs,
  operations,
  onDone,
}: {
  hubs: ReadonlyArray<{ id: string; name: string }>;
  operations: ReadonlyArray<{ id: string; code: string; name: string }>;
  onDone: (message: string) => void;
}) {
  const [form, setForm] = useState({
    hubId: hubs[0]?.id ?? '',
    operationId: '',
    title: '',
    activity: '',
    targetGroup: 'everyone' as TargetGroup,
    capacity: 0,
    facilitator: '',
    room: '',
    startsOn: '',
    until: '',
    startTime: '18:00',
    durationMinutes: 90,
  });
  const [days, setDays] = useState<string[]>([]);
  const [preview, setPreview] = useState<SeriesPreview | null>(null);
  const errors = useFormErrors();
  const set = (key: keyof typeof form, value: string | number) => {
    setForm({ ...form, [key]: value });
    setPreview(null);
  };
  const body = (): SeriesInput => ({
    hubId: form.hubId,
    operationId: form.operationId || null,
    kind: 'lesson',
    activity: form.activity || form.title,
    title: form.title,
    targetGroup: form.targetGroup,
    capacity: form.capacity,
    facilitator: form.facilitator,
    room: form.room,
    startTime: form.startTime,
    durationMinutes: form.durationMinutes,
    startsOn: form.startsOn,
    rule: weeklyRule(days, form.until),
  });
  const checkInBrowser = () => {
    if (days.length === 0) errors.show('/rule', 'Scegli almeno un giorno della settimana');
    else if (!form.until) errors.show('/rule', 'Indica fino a quando si ripete');
    else return true;
    return false;
  };

  async function showPreview() {
    errors.clear();
    if (!checkInBrowser()) return;
    try {
      setPreview(await api(planningRoutes.preview, { body: body() }));
    } catch (e) {
      errors.fail(e, 'Anteprima non riuscita.');
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    errors.clear();
    if (!checkInBrowser()) return;
    try {
      const made = await api(planningRoutes.createSeries, { body: body() });
      onDone(
        `Serie «${form.title}» pianificata: ${made.sessions} sessioni, ${made.skipped.length} date saltate. I totem la ricevono alla prossima sincronizzazione.`,
      );
      setPreview(null);
    } catch (e) {
      errors.fail(e, 'Pianificazione non riuscita.');
    }
  }

  return (
    <section className="panel" aria-labelledby="series-title">
      <h2 id="series-title">Nuovo corso settimanale</h2>
      <Form className="stack" errors={errors} onSubmit={submit}>
        <div className="row">
          <SelectField
            label="Sede"
            path="/hubId"
            value={form.hubId}
            onChange={(v) => set('hubId', v)}
            options={hubs.map((h) => ({ value: h.id, label: h.name }))}
          />
          <SelectField
            label="Operazione"
            path="/operationId"
            value={form.operationId}
            onChange={(v) => set('operationId', v)}
            empty="nessuna"
            options={operations.map((o) => ({ value: o.id, label: `${o.code} – ${o.name}` }))}
          />
        </div>
        <div className="row">
          <Field label="Titolo" path="/title">
            <input
              name="title"
              value={form.title}
              onChange={(e) => set('title', e.target.value)}
              maxLength={160}
              required
            />
          </Field>
          <SelectField
            label="Destinatari"
            path="/targetGroup"
            value={form.targetGroup}
            onChange={(v) => set('targetGroup', v)}
            options={optionsOf(TARGET_GROUPS, (g) => TARGET_GROUP_LABEL[g] ?? g)}
          />
        </div>
        <div className="row">
          <Field label="Facilitatore" path="/facilitator">
            <input
              name="facilitator"
              value={form.facilitator}
              onChange={(e) => set('facilitator', e.target.value)}
              maxLength={80}
            />
          </Field>
          <Field label="Aula" path="/room">
            <input
              name="room"
              value={form.room}
              onChange={(e) => set('room', e.target.value)}
              maxLength={80}
            />
          </Field>
          <Field label="Posti (0 = senza limite)" path="/capacity">
            <input
              name="capacity"
              type="number"
              min={0}
              value={form.capacity}
              onChange={(e) => set('capacity', Number(e.target.value))}
            />
          </Field>
        </div>
        <FieldGroup legend="Giorni della settimana" path="/rule">
          <div className="row">
            {WEEKDAYS.map(([code, label]) => (
              <label key={code} className="inline">
                <input
                  type="checkbox"
                  name={`day-${code}`}
                  checked={days.includes(code)}
                  onChange={(e) => {
                    setDays(e.target.checked ? [...days, code] : days.filter((d) => d !== code));
                    setPreview(null);
                  }}
                />
                {label}
              </label>
            ))}
          </div>
        </FieldGroup>
        <div className="row">
          <Field label="Dal" path="/startsOn">
            <input
              name="startsOn"
              type="date"
              value={form.startsOn}
              onChange={(e) => set('startsOn', e.target.value)}
              required
            />
          </Field>
          <Field label="Fino al (compreso; al massimo 3 anni)" path="/until">
            <input
              name="until"
              type="date"
              value={form.until}
              onChange={(e) => set('until', e.target.value)}
              required
            />
          </Field>
          <Field label="Ora di inizio" path="/startTime">
            <input
              name="startTime"
              type="time"
              value={form.startTime}
              onChange={(e) => set('startTime', e.target.value)}
              required
            />
          </Field>
          <Field label="Durata (minuti)" path="/durationMinutes">
            <input
              name="durationMinutes"
              type="number"
              min={5}
              max={1440}
              value={form.durationMinutes}
              onChange={(e) => set('durationMinutes', Number(e.target.value))}
            />
          </Field>
        </div>
        <div className="row">
          <button type="button" className="secondary" onClick={showPreview}>
            Anteprima delle date
          </button>
          <button type="submit">Pianifica</button>
        </div>
      </Form>
      {preview ? (
        <div aria-live="polite">
          <h3>Date pianificate ({preview.occurrences.length})</h3>
          <ul className="preview-dates">
            {preview.occurrences.map((o) => (
              <li key={o.date}>{fmtDateTime(o.startsAt)}</li>
            ))}
          </ul>
          <h3>Date saltate ({preview.skipped.length})</h3>
          <ul>
            {preview.skipped.map((s) => (
              <li key={s.date}>
                {s.date}: {s.reason === 'holiday' ? 'festività' : 'chiusura della sede'} ({s.label})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
