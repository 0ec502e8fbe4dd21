import { correctionRoutes, type RefusalReason } from '@vigevano/protocol';
import { BarsChart } from '../components/BarsChart';
import { ChartPanel } from '../components/ChartPanel';
import { DataTable } from '../components/DataTable';
import { FilterBar } from '../components/FilterBar';
import { Status } from '../components/Status';
import { COLORS } from '../lib/colors';
import { useFilters } from '../lib/filters';
import { fmtNumber } from '../lib/format';
import { useApi } from '../lib/use-api';

/** The kiosk's refusal codes, as a coordinator reads them. */
const REASON_LABEL: Record<RefusalReason, string> = {
  invalid: 'codice non valido',
  bad_signature: 'tessera non autentica',
  unknown_issuer: 'tessera di un totem ritirato',
  revoked: 'tessera revocata',
  not_checked_in: 'uscita senza ingresso',
  already_checked_in: 'ingresso già registrato',
  session_closed: 'attività chiusa',
  session_full: 'attività al completo',
};

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** Refused scans by reason, kiosk and hour: where they cluster (a camera that misreads, a full course). */
export function RefusalsPage() {
  const [filters, setFilters] = useFilters(28);
  const [result] = useApi(correctionRoutes.refusals, {
    query: { from: filters.from, to: filters.to, hub: filters.hub },
  });
  const report = result.data;
  return (
    <>
      <h1>Scansioni rifiutate</h1>
      <p>Conteggi per motivo, totem e ora, senza dati personali: nessuna tessera è registrata.</p>
      <FilterBar filters={filters} onChange={setFilters} fields={['range', 'hub']} hubs={report?.hubs} />
      <Status result={result} />
      {report ? (
        <>
          <ChartPanel
            id="refusals-by-reason"
            title="Per motivo"
            chart={
              <BarsChart
                layout="vertical"
                width={720}
                labelWidth={220}
                rowHeight={34}
                minHeight={120}
                rows={report.byReason.map((r) => ({ ...r, label: REASON_LABEL[r.reason] }))}
                series={[{ dataKey: 'count', name: 'Scansioni rifiutate', color: COLORS[3] }]}
              />
            }
            table={
              <DataTable
                caption="Scansioni rifiutate per totem e motivo"
                className="refusals-by-kiosk"
                rows={report.byKiosk}
                rowKey={(k) => `${k.deviceId}-${k.reason}`}
                columns={[
                  { label: 'Totem', value: (k) => k.deviceName, rowHeader: true },
                  { label: 'Hub', value: (k) => k.hubName },
                  { label: 'Motivo', value: (k) => REASON_LABEL[k.reason] },
                  { label: 'Scansioni', value: (k) => fmtNumber(k.count), numeric: true },
                ]}
              />
            }
            csv={{
              filename: `scansioni-rifiutate-${report.query.from}-${report.query.to}.csv`,
              header: ['giorno', 'ora', 'hub', 'totem', 'motivo', 'scansioni'],
              rows: report.rows.map((r) => [
                r.day,
                hourLabel(r.hour),
                r.hubName,
                r.deviceName,
                r.reason,
                r.count,
              ]),
            }}
          />
          <ChartPanel
            id="refusals-by-hour"
            title="Per ora del giorno"
            chart={
              <BarsChart
                width={720}
                rows={report.byHour.map((h) => ({ ...h, label: hourLabel(h.hour) }))}
                series={[{ dataKey: 'count', name: 'Scansioni rifiutate', color: COLORS[3] }]}
              />
            }
            table={
              <DataTable
                caption="Scansioni rifiutate per giorno, ora, totem e motivo"
                className="refusals-rows"
                rows={report.rows}
                rowKey={(r) => `${r.day}-${r.hour}-${r.deviceId}-${r.reason}`}
                columns={[
                  { label: 'Giorno', value: (r) => r.day, rowHeader: true },
                  { label: 'Ora', value: (r) => hourLabel(r.hour) },
                  { label: 'Totem', value: (r) => r.deviceName },
                  { label: 'Motivo', value: (r) => REASON_LABEL[r.reason] },
                  { label: 'Scansioni', value: (r) => fmtNumber(r.count), numeric: true },
                ]}
              />
            }
            csv={{
              filename: `scansioni-rifiutate-ore-${report.query.from}-${report.query.to}.csv`,
              header: ['ora', 'scansioni'],
              rows: report.byHour.map((h) => [hourLabel(h.hour), h.count]),
            }}
          />
        </>
      ) : null}
    </>
  );
}
