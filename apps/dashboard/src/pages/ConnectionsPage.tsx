import { connectionsRoutes } from '@vigevano/protocol';
import { BarsChart } from '../components/BarsChart';
import { ChartPanel } from '../components/ChartPanel';
import { DataTable } from '../components/DataTable';
import { FilterBar } from '../components/FilterBar';
import { Status } from '../components/Status';
import { COLORS } from '../lib/colors';
import { useFilters } from '../lib/filters';
import { fmtNumber, fmtPeriod } from '../lib/format';
import { useApi } from '../lib/use-api';

/** The strategy's third goal: people who use more than one hub, and how they move between them. */
export function ConnectionsPage() {
  const [filters, setFilters] = useFilters(180);
  const [result] = useApi(connectionsRoutes.get, {
    query: { from: filters.from, to: filters.to, hub: filters.hub },
  });
  const report = result.data;
  const months = (report?.months ?? []).map((m) => ({ ...m, label: fmtPeriod(m.month, 'month') }));
  const flows = (report?.flows ?? []).map((f) => ({ ...f, label: `${f.fromHubName} → ${f.toHubName}` }));
  return (
    <>
      <h1>Connessioni tra gli hub</h1>
      <FilterBar filters={filters} onChange={setFilters} fields={['range', 'hub']} hubs={report?.hubs} />
      <Status result={result} />
      {report ? (
        <>
          <div className="cards">
            <p className="stat">
              <span className="stat-value" data-testid="multi-hub-all-time">
                {fmtNumber(report.multiHubAllTime)}
              </span>
              <span>visitatori che hanno frequentato due o più hub (da sempre)</span>
            </p>
          </div>
          <ChartPanel
            id="multi-hub"
            title="Visitatori di più hub, mese per mese"
            chart={
              <BarsChart
                width={720}
                rows={months}
                series={[
                  { dataKey: 'visitors', name: 'Visitatori', color: COLORS[4] },
                  { dataKey: 'multiHubVisitors', name: 'In due o più hub', color: COLORS[1] },
                ]}
              />
            }
            table={
              <DataTable
                caption="Visitatori per mese"
                rows={report.months}
                rowKey={(m) => m.month}
                columns={[
                  { label: 'Mese', value: (m) => fmtPeriod(m.month, 'month'), rowHeader: true },
                  { label: 'Visitatori', value: (m) => fmtNumber(m.visitors), numeric: true },
                  { label: 'In due o più hub', value: (m) => fmtNumber(m.multiHubVisitors), numeric: true },
                ]}
              />
            }
            csv={{
              filename: 'connessioni-mesi.csv',
              header: ['mese', 'visitatori', 'in due o più hub'],
              rows: report.months.map((m) => [m.month, m.visitors, m.multiHubVisitors]),
            }}
          />
          <ChartPanel
            id="flows"
            title="Spostamenti tra hub"
            description="Uno spostamento: la visita successiva di una persona è in un hub diverso dalla precedente."
            chart={
              <BarsChart
                layout="vertical"
                width={720}
                labelWidth={300}
                rows={flows}
                series={[{ dataKey: 'moves', name: 'Spostamenti', color: COLORS[2] }]}
              />
            }
            table={
              <DataTable
                caption="Spostamenti per coppia di hub"
                className="flows"
                rows={report.flows}
                rowKey={(f) => `${f.fromHubId}-${f.toHubId}`}
                columns={[
                  { label: 'Da', value: (f) => f.fromHubName, rowHeader: true },
                  { label: 'A', value: (f) => f.toHubName },
                  { label: 'Spostamenti', value: (f) => fmtNumber(f.moves), numeric: true },
                ]}
              />
            }
            csv={{
              filename: 'spostamenti.csv',
              header: ['da', 'a', 'spostamenti'],
              rows: report.flows.map((f) => [f.fromHubName, f.toHubName, f.moves]),
            }}
          />
        </>
      ) : null}
    </>
  );
}
