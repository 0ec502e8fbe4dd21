import { alertRoutes } from '@vigevano/protocol';
import { useEffect } from 'react';
import { fmtDateTime } from '../lib/format';
import { useApi } from '../lib/use-api';

/** How often the open alerts are asked again while the page stays open: the server evaluates them on request. */
const REFRESH_MS = 60_000;

const SEVERITY_LABEL = { critical: 'Grave', warning: 'Attenzione' } as const;

/**
 * The alerts open now (GET /api/alerts: silent kiosks, full disks, clocks off, backlogs, reports behind), most
 * severe first, each with since when; "none" said in words, so an empty panel is not mistaken for one not loaded.
 */
export function AlertsPanel() {
  const [result, reload] = useApi(alertRoutes.list, {});
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const alerts = result.data?.alerts;
  return (
    <section className="panel alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Avvisi{alerts && alerts.length > 0 ? ` (${alerts.length})` : ''}</h2>
      {result.state === 'error' ? (
        <p className="error">Avvisi non disponibili: {result.message}</p>
      ) : alerts === undefined ? (
        <p className="muted">Caricamento…</p>
      ) : alerts.length === 0 ? (
        <p className="ok">Nessun avviso: i totem e i resoconti sono in regola.</p>
      ) : (
        <ul className="alert-list">
          {alerts.map((a) => (
            <li key={a.id} className={`alert-item alert-${a.severity}`} data-kind={a.kind}>
              <strong className="alert-severity">{SEVERITY_LABEL[a.severity]}</strong> {a.message}{' '}
              <span className="muted">(dal {fmtDateTime(a.since)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
