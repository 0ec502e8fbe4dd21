import { type CityNow, cityNowRoutes } from '@vigevano/protocol';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../api';
import { BarsChart } from '../components/BarsChart';
import { ChartPanel } from '../components/ChartPanel';
import { DataTable } from '../components/DataTable';
import { FormError } from '../components/FormError';
import { COLORS } from '../lib/colors';
import { fmtDateTime, fmtDecimal, fmtDuration, fmtTime } from '../lib/format';

type Live = 'connecting' | 'live' | 'reconnecting';

/** The city right now, kept live by Server-Sent Events (the browser reconnects by itself if the line drops). */
export function CityNowPage() {
  const [data, setData] = useState<CityNow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<Live>('connecting');
  useEffect(() => {
    api(cityNowRoutes.get)
      .then(setData)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : 'Errore inatteso.'));
    const source = new EventSource(cityNowRoutes.stream.path);
    source.addEventListener('city-now', (event) => {
      setData(JSON.parse((event as MessageEvent<string>).data) as CityNow);
      setLive('live');
    });
    source.onerror = () => setLive('reconnecting');
    return () => source.close();
  }, []);

  if (error) return <FormError error={error} />;
  if (!data) return <p role="status">Caricamento…</p>;
  const totals = data.hubs.reduce(
    (t, h) => ({
      present: t.present + h.presentNow,
      today: t.today + h.checkinsToday,
      usual: t.usual + h.usualByNow,
    }),
    { present: 0, today: 0, usual: 0 },
  );
  const rows = data.hubs.map((h) => ({ ...h, label: h.name }));
  return (
    <>
      <div className="page-head">
        <h1>La città oggi</h1>
        <p className={`live ${live}`} role="status">
          {live === 'live' ? '● in diretta' : live === 'connecting' ? 'collegamento…' : 'ricollegamento…'} ·
          aggiornato alle {fmtTime(data.generatedAt)}
        </p>
      </div>
      <div className="cards">
        <p className="stat">
          <span className="stat-value" data-testid="present-total">
            {totals.present}
          </span>
          <span>persone presenti ora</span>
        </p>
        <p className="stat">
          <span className="stat-value">{totals.today}</span>
          <span>ingressi oggi (di solito {fmtDecimal(totals.usual)} a quest'ora)</span>
        </p>
        <p className="stat">
          <span className="stat-value">{data.staleDevices.length}</span>
          <span>totem senza sincronizzazione da oltre {fmtDuration(data.staleAfterMs)}</span>
        </p>
      </div>
      <ChartPanel
        id="city-now"
        title="Ingressi di oggi rispetto al solito"
        description={`Il solito: media dello stesso giorno della settimana nelle 8 settimane precedenti. Presenti: chi è entrato e non è uscito (hub con uscita) o è entrato nelle ultime ${fmtDuration(data.presenceWindowMs)}.`}
        chart={
          <BarsChart
            width={640}
            rows={rows}
            series={[
              { dataKey: 'checkinsToday', name: 'Ingressi oggi', color: COLORS[0] },
              { dataKey: 'usualByNow', name: "Di solito a quest'ora", color: COLORS[1] },
              { dataKey: 'presentNow', name: 'Presenti ora', color: COLORS[2] },
            ]}
          />
        }
        table={
          <DataTable
            caption="Gli hub ora"
            className="overview"
            rows={data.hubs}
            rowKey={(h) => h.id}
            columns={[
              { label: 'Hub', value: (h) => h.name, rowHeader: true },
              { label: 'Zona', value: (h) => h.area },
              { label: 'Presenti ora', value: (h) => h.presentNow, numeric: true },
              { label: 'Ingressi oggi', value: (h) => h.checkinsToday, numeric: true },
              { label: "Di solito a quest'ora", value: (h) => fmtDecimal(h.usualByNow), numeric: true },
              { label: 'Di solito in tutto il giorno', value: (h) => fmtDecimal(h.usualDay), numeric: true },
            ]}
          />
        }
        csv={{
          filename: 'citta-oggi.csv',
          header: ['hub', 'presenti ora', 'ingressi oggi', "di solito a quest'ora", 'di solito nel giorno'],
          rows: data.hubs.map((h) => [h.name, h.presentNow, h.checkinsToday, h.usualByNow, h.usualDay]),
        }}
      />
      <section className="panel" aria-labelledby="stale-title">
        <h2 id="stale-title">Totem da controllare</h2>
        {data.staleDevices.length === 0 ? (
          <p>Tutti i totem si sono sincronizzati di recente.</p>
        ) : (
          <DataTable
            caption={`Totem che non si sincronizzano da oltre ${fmtDuration(data.staleAfterMs)}`}
            rows={data.staleDevices}
            rowKey={(d) => d.id}
            columns={[
              { label: 'Totem', value: (d) => d.name, rowHeader: true },
              { label: 'Hub', value: (d) => d.hubName },
              { label: 'Ultimo contatto', value: (d) => fmtDateTime(d.lastSeenAt) },
            ]}
          />
        )}
      </section>
    </>
  );
}
