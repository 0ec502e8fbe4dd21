import { sessionsReportRoutes, TARGET_GROUP_LABEL } from '@vigevano/protocol';
import { useState } from 'react';
import { BarsChart } from '../components/BarsChart';
import { ChartPanel } from '../components/ChartPanel';
import { DataTable } from '../components/DataTable';
import { FilterBar } from '../components/FilterBar';
import { Status } from '../components/Status';
import { COLORS } from '../lib/colors';
import { useFilters } from '../lib/filters';
import { fmtDateTime, fmtNumber, fmtPercent } from '../lib/format';
import { useApi } from '../lib/use-api';
import { RosterPanel } from './attendance/RosterPanel';

const STATUS_LABEL: Record<string, string> = {
  planned: 'programmata',
  open: 'in corso',
  closed: 'svolta',
  cancelled: 'annullata',
};
/** Per course or activity: sessions held, attendance rate; each session, its roster and closing notes. */
export function SessionsPage() {
  const [filters, setFilters] = useFilters(42);
  const [open, setOpen] = useState<string | null>(null);
  const [result] = useApi(sessionsReportRoutes.get, {
    query: { from: filters.from, to: filters.to, hub: filters.hub, activity: filters.activity },
  });
  const report = result.data;
  const chartRows = (report?.activities ?? []).map((a) => ({
    ...a,
    label: a.activity,
    rate: a.attendanceRate === null ? 0 : Math.round(a.attendanceRate * 100),
  }));
  return (
    <>
      <h1>Attività e corsi</h1>
      <FilterBar
        filters={filters}
        onChange={setFilters}
        fields={['range', 'hub', 'activity']}
        hubs={report?.hubs}
        activities={report?.activityOptions}
      />
      <Status result={result} />
      {report ? (
        <>
          <ChartPanel
            id="activities"
            title="Partecipazione per attività"
            description="Tasso di presenza: presenti sugli iscritti, nelle sessioni svolte."
            chart={
              <BarsChart
                layout="vertical"
                percent
                legend
                width={720}
                labelWidth={220}
                rowHeight={34}
                minHeight={180}
                rows={chartRows}
                series={[{ dataKey: 'rate', name: 'Tasso di presenza (%)', color: COLORS[2] }]}
              />
            }
            table={
              <DataTable
                caption="Attività nel periodo"
                className="activities"
                rows={report.activities}
                rowKey={(a) => `${a.hubId}-${a.activity}`}
                columns={[
                  { label: 'Attività', value: (a) => a.activity, rowHeader: true },
                  { label: 'Hub', value: (a) => a.hubName },
                  { label: 'Destinatari', value: (a) => TARGET_GROUP_LABEL[a.targetGroup] ?? a.targetGroup },
                  { label: 'Svolte', value: (a) => a.held, numeric: true },
                  { label: 'Programmate', value: (a) => a.planned, numeric: true },
                  { label: 'Annullate', value: (a) => a.cancelled, numeric: true },
                  { label: 'Iscritti', value: (a) => fmtNumber(a.enrolled), numeric: true },
                  { label: 'Presenti', value: (a) => fmtNumber(a.present), numeric: true },
                  { label: 'Tasso di presenza', value: (a) => fmtPercent(a.attendanceRate), numeric: true },
                ]}
              />
            }
            csv={{
              filename: 'attivita.csv',
              header: [
                'attività',
                'hub',
                'destinatari',
                'svolte',
                'programmate',
                'annullate',
                'iscritti',
                'presenti',
                'tasso di presenza',
                'ingressi',
              ],
              rows: report.activities.map((a) => [
                a.activity,
                a.hubName,
                a.targetGroup,
                a.held,
                a.planned,
                a.cancelled,
                a.enrolled,
                a.present,
                a.attendanceRate,
                a.checkins,
              ]),
            }}
          />
          {open ? <RosterPanel sessionId={open} onClose={() => setOpen(null)} /> : null}
          <section className="panel" aria-labelledby="sessions-title">
            <h2 id="sessions-title">Sessioni</h2>
            <DataTable
              caption={`Sessioni del periodo, dalla più recente${report.sessions.length >= report.limit ? ` (prime ${report.limit})` : ''}`}
              className="sessions"
              rows={report.sessions}
              rowKey={(s) => s.id}
              columns={[
                { label: 'Quando', value: (s) => fmtDateTime(s.startsAt), rowHeader: true },
                { label: 'Attività', value: (s) => s.title },
                { label: 'Hub', value: (s) => s.hubName },
                { label: 'Stato', value: (s) => STATUS_LABEL[s.status] ?? s.status },
                { label: 'Iscritti', value: (s) => s.enrolled, numeric: true },
                { label: 'Presenti', value: (s) => s.present, numeric: true },
                ...(report.canSeeNotes
                  ? [{ label: 'Note', value: (s: (typeof report.sessions)[number]) => s.notes ?? '' }]
                  : []),
                ...(report.canSeeRoster
                  ? [
                      {
                        label: 'Elenco',
                        value: (s: (typeof report.sessions)[number]) =>
                          s.enrolled > 0 ? (
                            <button type="button" className="link" onClick={() => setOpen(s.id)}>
                              Apri elenco<span className="visually-hidden"> di {s.title}</span>
                            </button>
                          ) : (
                            '–'
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </section>
        </>
      ) : null}
    </>
  );
}
