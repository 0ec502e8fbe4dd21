import { type AttendanceBreakdownRow, attendanceRoutes, REPEAT_SCAN_WINDOW_MS } from '@vigevano/protocol';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { BarsChart } from '../components/BarsChart';
import { ChartPanel } from '../components/ChartPanel';
import { DataTable } from '../components/DataTable';
import { FilterBar } from '../components/FilterBar';
import { Heatmap } from '../components/Heatmap';
import { Status } from '../components/Status';
import { COLORS } from '../lib/colors';
import { useFilters } from '../lib/filters';
import { fmtNumber, fmtPeriod } from '../lib/format';
import { useApi } from '../lib/use-api';

function Breakdown({ id, title, rows }: { id: string; title: string; rows: AttendanceBreakdownRow[] }) {
  return (
    <ChartPanel
      id={id}
      title={title}
      chart={
        <BarsChart
          layout="vertical"
          width={560}
          rowHeight={36}
          rows={rows}
          series={[{ dataKey: 'checkins', name: 'Ingressi', color: COLORS[0] }]}
        />
      }
      table={
        <DataTable
          caption={title}
          rows={rows}
          rowKey={(r) => r.key || '-'}
          columns={[
            { label: 'Voce', value: (r) => r.label, rowHeader: true },
            { label: 'Ingressi', value: (r) => fmtNumber(r.checkins), numeric: true },
            { label: 'di cui ospiti', value: (r) => fmtNumber(r.guests), numeric: true },
            { label: 'Giornate-persona', value: (r) => fmtNumber(r.visitorDays), numeric: true },
          ]}
        />
      }
      csv={{
        filename: `${id}.csv`,
        header: ['voce', 'ingressi', 'ospiti', 'giornate-persona'],
        rows: rows.map((r) => [r.label, r.checkins, r.guests, r.visitorDays]),
      }}
    />
  );
}

/** Check-ins and distinct visitors over time, by hub, target group and activity; hour-of-week heatmaps. */
export function AttendancePage() {
  const [filters, setFilters] = useFilters();
  const [result] = useApi(attendanceRoutes.get, {
    query: {
      from: filters.from,
      to: filters.to,
      granularity: filters.granularity,
      hub: filters.hub,
      targetGroup: filters.targetGroup,
      activity: filters.activity,
    },
  });
  const report = result.data;
  const g = filters.granularity;
  const series = (report?.series ?? []).map((p) => ({
    ...p,
    label: fmtPeriod(p.period, report?.query.granularity ?? g),
  }));
  const facet = Boolean(filters.activity || filters.targetGroup);
  return (
    <>
      <h1>Presenze</h1>
      <FilterBar
        filters={filters}
        onChange={setFilters}
        fields={['range', 'hub', 'targetGroup', 'activity', 'granularity']}
        hubs={report?.options.hubs}
        activities={report?.options.activities}
        targetGroups={report?.options.targetGroups}
      />
      <Status result={result} />
      {report ? (
        <>
          {report.duplicates > 0 ? (
            <p className="panel duplicates" data-testid="duplicates">
              <strong>
                {report.duplicates === 1
                  ? '1 ingresso doppio'
                  : `${fmtNumber(report.duplicates)} ingressi doppi`}{' '}
                da totem offline nello stesso momento
              </strong>
              : la stessa tessera accolta da due totem dello stesso hub a meno di{' '}
              {REPEAT_SCAN_WINDOW_MS / 60_000} minuti. Restano registrati ma non sono contati: vale il primo.
            </p>
          ) : null}
          <ChartPanel
            id="attendance-series"
            title="Ingressi e visitatori distinti"
            description={`Periodi interi dal ${fmtPeriod(report.query.from, 'day', true)} al ${fmtPeriod(report.query.to, 'day', true)}. Visitatori distinti: persone con tessera, contate una volta per periodo${facet ? ' (nuovi e di ritorno solo senza filtro su destinatari o attività)' : ''}.`}
            chart={
              <LineChart width={720} height={280} data={series} margin={{ left: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Line type="monotone" dataKey="checkins" name="Ingressi" stroke={COLORS[0]} strokeWidth={2} />
                <Line
                  type="monotone"
                  dataKey="visitors"
                  name="Visitatori distinti"
                  stroke={COLORS[1]}
                  strokeWidth={2}
                />
                {facet ? null : (
                  <Line
                    type="monotone"
                    dataKey="newVisitors"
                    name="Nuovi"
                    stroke={COLORS[2]}
                    strokeWidth={2}
                  />
                )}
              </LineChart>
            }
            table={
              <DataTable
                caption={`Ingressi e visitatori per ${g === 'day' ? 'giorno' : g === 'week' ? 'settimana' : 'mese'}`}
                className="series"
                rows={series}
                rowKey={(p) => p.period}
                columns={[
                  {
                    label: 'Periodo',
                    value: (p) => fmtPeriod(p.period, report.query.granularity, true),
                    rowHeader: true,
                  },
                  { label: 'Ingressi', value: (p) => fmtNumber(p.checkins), numeric: true },
                  { label: 'Ospiti', value: (p) => fmtNumber(p.guests), numeric: true },
                  { label: 'Visitatori distinti', value: (p) => fmtNumber(p.visitors), numeric: true },
                  {
                    label: 'Nuovi',
                    value: (p) => (p.newVisitors === null ? '–' : fmtNumber(p.newVisitors)),
                    numeric: true,
                  },
                  {
                    label: 'Di ritorno',
                    value: (p) => (p.returningVisitors === null ? '–' : fmtNumber(p.returningVisitors)),
                    numeric: true,
                  },
                ]}
              />
            }
            csv={{
              filename: `presenze-${report.query.from}-${report.query.to}.csv`,
              header: [
                'periodo',
                'ingressi',
                'ospiti',
                'visitatori distinti',
                'nuovi',
                'di ritorno',
                'giornate-persona',
              ],
              rows: report.series.map((p) => [
                p.period,
                p.checkins,
                p.guests,
                p.visitors,
                p.newVisitors,
                p.returningVisitors,
                p.visitorDays,
              ]),
            }}
          />
          <div className="grid-2">
            {report.options.hubs.length > 1 ? (
              <Breakdown id="by-hub" title="Per hub" rows={report.byHub} />
            ) : null}
            <Breakdown id="by-group" title="Per gruppo di destinatari" rows={report.byTargetGroup} />
            <Breakdown id="by-activity" title="Per attività" rows={report.byActivity} />
          </div>
          <section className="panel" aria-labelledby="heat-title">
            <h2 id="heat-title">Ore della settimana</h2>
            <p className="muted">Ingressi per giorno e ora nel periodo scelto (tutte le attività).</p>
            {report.heatmaps.map((h) => (
              <Heatmap key={h.hubId} title={h.hubName} cells={h.cells} />
            ))}
          </section>
        </>
      ) : null}
    </>
  );
}
