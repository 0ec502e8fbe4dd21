import { playsReportRoutes } from '@vigevano/protocol';
import { BarsChart } from '../components/BarsChart';
import { ChartPanel } from '../components/ChartPanel';
import { DataTable } from '../components/DataTable';
import { FilterBar } from '../components/FilterBar';
import { Status } from '../components/Status';
import { COLORS } from '../lib/colors';
import { useFilters } from '../lib/filters';
import { fmtNumber } from '../lib/format';
import { useApi } from '../lib/use-api';

/** Seconds on screen as minutes, one decimal: what a coordinator compares between items. */
const minutes = (seconds: number) => Math.round(seconds / 6) / 10;
const fmtMinutes = (seconds: number) => fmtNumber(minutes(seconds));

/**
 * Proof of play (issue 17, item 6): how often the kiosks showed each info-screen item, per item, per kiosk and
 * per day over a period and hub, as the kiosks counted it (they sync their counts, also after days offline).
 */
export function PlaysPage() {
  const [filters, setFilters] = useFilters(28);
  const [result] = useApi(playsReportRoutes.report, {
    query: { from: filters.from, to: filters.to, hub: filters.hub },
  });
  const report = result.data;
  const period = report ? `${report.query.from}-${report.query.to}` : '';
  return (
    <>
      <h1>Riproduzioni</h1>
      <p>
        Quante volte i totem hanno mostrato ogni contenuto, come le hanno contate loro: un totem senza rete le
        invia alla prima sincronizzazione.
      </p>
      <FilterBar filters={filters} onChange={setFilters} fields={['range', 'hub']} hubs={report?.hubs} />
      <Status result={result} />
      {report ? (
        <>
          <ChartPanel
            id="plays-by-item"
            title="Per contenuto"
            chart={
              <BarsChart
                layout="vertical"
                width={720}
                labelWidth={260}
                rowHeight={34}
                minHeight={120}
                rows={report.byItem.map((i) => ({ ...i, label: i.title }))}
                series={[{ dataKey: 'shows', name: 'Riproduzioni', color: COLORS[0] }]}
              />
            }
            table={
              <DataTable
                caption="Riproduzioni per contenuto"
                className="plays-by-item"
                rows={report.byItem}
                rowKey={(i) => i.contentId}
                columns={[
                  { label: 'Contenuto', value: (i) => i.title, rowHeader: true },
                  { label: 'Riproduzioni', value: (i) => fmtNumber(i.shows), numeric: true },
                  { label: 'Minuti sullo schermo', value: (i) => fmtMinutes(i.seconds), numeric: true },
                ]}
              />
            }
            csv={{
              filename: `riproduzioni-contenuti-${period}.csv`,
              header: ['contenuto', 'riproduzioni', 'secondi'],
              rows: report.byItem.map((i) => [i.title, i.shows, i.seconds]),
            }}
          />
          <ChartPanel
            id="plays-by-day"
            title="Per giorno"
            chart={
              <BarsChart
                width={720}
                rows={report.byDay.map((d) => ({ ...d, label: d.day.slice(5) }))}
                series={[{ dataKey: 'shows', name: 'Riproduzioni', color: COLORS[1] }]}
              />
            }
            table={
              <DataTable
                caption="Riproduzioni per giorno (i giorni con almeno una)"
                className="plays-by-day"
                rows={report.byDay.filter((d) => d.shows > 0)}
                rowKey={(d) => d.day}
                columns={[
                  { label: 'Giorno', value: (d) => d.day, rowHeader: true },
                  { label: 'Riproduzioni', value: (d) => fmtNumber(d.shows), numeric: true },
                  { label: 'Minuti sullo schermo', value: (d) => fmtMinutes(d.seconds), numeric: true },
                ]}
              />
            }
            csv={{
              filename: `riproduzioni-giorni-${period}.csv`,
              header: ['giorno', 'riproduzioni', 'secondi'],
              rows: report.byDay.map((d) => [d.day, d.shows, d.seconds]),
            }}
          />
          <ChartPanel
            id="plays-by-kiosk"
            title="Per totem"
            table={
              <DataTable
                caption="Riproduzioni per totem"
                className="plays-by-kiosk"
                rows={report.byKiosk}
                rowKey={(k) => k.deviceId}
                columns={[
                  { label: 'Totem', value: (k) => k.deviceName, rowHeader: true },
                  { label: 'Hub', value: (k) => k.hubName },
                  { label: 'Riproduzioni', value: (k) => fmtNumber(k.shows), numeric: true },
                  { label: 'Minuti sullo schermo', value: (k) => fmtMinutes(k.seconds), numeric: true },
                ]}
              />
            }
            csv={{
              filename: `riproduzioni-totem-${period}.csv`,
              header: ['hub', 'totem', 'riproduzioni', 'secondi'],
              rows: report.byKiosk.map((k) => [k.hubName, k.deviceName, k.shows, k.seconds]),
            }}
          />
          <ChartPanel
            id="plays-rows"
            title="Per totem, contenuto e giorno"
            table={
              <DataTable
                caption="Riproduzioni per totem e contenuto, giorno per giorno"
                className="plays-rows"
                rows={report.rows}
                rowKey={(r) => `${r.day}-${r.deviceId}-${r.contentId}`}
                columns={[
                  { label: 'Giorno', value: (r) => r.day, rowHeader: true },
                  { label: 'Totem', value: (r) => r.deviceName },
                  { label: 'Hub', value: (r) => r.hubName },
                  { label: 'Contenuto', value: (r) => r.title },
                  { label: 'Riproduzioni', value: (r) => fmtNumber(r.shows), numeric: true },
                  { label: 'Minuti sullo schermo', value: (r) => fmtMinutes(r.seconds), numeric: true },
                ]}
              />
            }
            csv={{
              filename: `riproduzioni-${period}.csv`,
              header: ['giorno', 'hub', 'totem', 'contenuto', 'riproduzioni', 'secondi'],
              rows: report.rows.map((r) => [r.day, r.hubName, r.deviceName, r.title, r.shows, r.seconds]),
            }}
          />
        </>
      ) : null}
    </>
  );
}
