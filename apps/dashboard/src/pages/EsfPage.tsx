import { ESF_INDICATOR_LABEL, ESF_INDICATORS, esfLine, esfRoutes } from '@vigevano/protocol';
import { apiUrl } from '../api';
import { BarsChart } from '../components/BarsChart';
import { DataTable } from '../components/DataTable';
import { FilterBar } from '../components/FilterBar';
import { Status } from '../components/Status';
import { COLORS } from '../lib/colors';
import { useFilters } from '../lib/filters';
import { fmtNumber, fmtPercent } from '../lib/format';
import { useApi } from '../lib/use-api';

/** ESF+ participants of a year by the programme's indicators, with the CSV for the reporting forms. */
export function EsfPage() {
  const [filters, setFilters] = useFilters();
  const [result] = useApi(esfRoutes.get, { query: { year: filters.year, hub: filters.hub } });
  const report = result.data;
  // Every indicator but the total (shown above), with its lines' labels from the one ESF+ table (ESF_LINES).
  const indicators = ESF_INDICATORS.filter((i) => i !== 'total');
  return (
    <>
      <h1>FSE+: persone con tessera nell'anno</h1>
      <FilterBar
        filters={filters}
        onChange={setFilters}
        fields={['year', 'hub']}
        hubs={report?.hubs}
        years={report?.years}
      />
      <Status result={result} />
      {report ? (
        <>
          <div className="panel-head">
            <p className="stat">
              <span className="stat-value" data-testid="esf-participants">
                {fmtNumber(report.participants)}
              </span>
              <span>partecipanti nel {report.query.year}</span>
            </p>
            <a
              className="button"
              href={apiUrl(esfRoutes.csv, { query: { year: filters.year, hub: filters.hub } })}
              download
            >
              Scarica CSV per la rendicontazione
            </a>
          </div>
          <p className="muted">
            Partecipanti: persone con tessera entrate almeno una volta nell'anno, con le caratteristiche di
            oggi. Per la rendicontazione al finanziatore (per operazione, con le caratteristiche all'ingresso)
            usa la pagina FSE+ operazioni. Le caratteristiche sono contate dove rilevate, con il consenso
            della persona; le altre risultano "non rilevato".
          </p>
          <div className="grid-2">
            {indicators.map((indicator) => {
              const rows = report.rows
                .filter((r) => r.indicator === indicator)
                .map((r) => ({ ...r, label: esfLine(r.indicator, r.value)?.label ?? r.value }));
              return (
                <section
                  key={indicator}
                  className="panel"
                  aria-labelledby={`esf-${indicator}`}
                  data-testid={`esf-${indicator}`}
                >
                  <h2 id={`esf-${indicator}`}>{ESF_INDICATOR_LABEL[indicator]}</h2>
                  <figure className="chart" aria-label={`Grafico: ${ESF_INDICATOR_LABEL[indicator]}`}>
                    <BarsChart
                      layout="vertical"
                      width={480}
                      labelWidth={220}
                      rowHeight={30}
                      minHeight={140}
                      rows={rows}
                      series={[{ dataKey: 'participants', name: 'Partecipanti', color: COLORS[0] }]}
                    />
                  </figure>
                  <DataTable
                    caption={`${ESF_INDICATOR_LABEL[indicator]}: partecipanti`}
                    rows={rows}
                    rowKey={(r) => r.value}
                    columns={[
                      { label: 'Valore', value: (r) => r.label, rowHeader: true },
                      { label: 'Partecipanti', value: (r) => fmtNumber(r.participants), numeric: true },
                      {
                        label: 'Quota',
                        value: (r) =>
                          fmtPercent(report.participants ? r.participants / report.participants : null),
                        numeric: true,
                      },
                    ]}
                  />
                </section>
              );
            })}
          </div>
        </>
      ) : null}
    </>
  );
}
