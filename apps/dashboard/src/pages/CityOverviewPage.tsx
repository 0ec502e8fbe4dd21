import { type CityOverview, cityRoutes } from '@vigevano/protocol';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../api';

const TARGET_GROUP_LABEL: Record<string, string> = {
  young_neet: 'giovani NEET',
  elderly: 'anziani',
  fragile_housing_families: 'famiglie in fragilità abitativa',
  migrant_background: 'persone con background migratorio',
  people_with_disabilities: 'persone con disabilità',
  everyone: 'tutti',
};

/** The city at a glance: one row per hub the user may see. */
export function CityOverviewPage() {
  const [overview, setOverview] = useState<CityOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<CityOverview>(cityRoutes.overview.path)
      .then(setOverview)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : 'Errore inatteso.'));
  }, []);

  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!overview) return <p>Caricamento…</p>;
  const total = (key: 'checkinsToday' | 'sessionsThisWeek' | 'cards' | 'devices') =>
    overview.hubs.reduce((sum, h) => sum + h[key], 0);
  return (
    <section>
      <h1>La città oggi</h1>
      <table className="overview">
        <caption>Gli hub, i loro totem e le presenze</caption>
        <thead>
          <tr>
            <th scope="col">Hub</th>
            <th scope="col">Zona</th>
            <th scope="col">Destinatari</th>
            <th scope="col" className="num">
              Ingressi oggi
            </th>
            <th scope="col" className="num">
              Attività questa settimana
            </th>
            <th scope="col" className="num">
              Tessere
            </th>
            <th scope="col" className="num">
              Totem
            </th>
          </tr>
        </thead>
        <tbody>
          {overview.hubs.map((hub) => (
            <tr key={hub.id}>
              <th scope="row">{hub.name}</th>
              <td>{hub.area}</td>
              <td>{hub.targetGroups.map((g) => TARGET_GROUP_LABEL[g] ?? g).join(', ')}</td>
              <td className="num">{hub.checkinsToday}</td>
              <td className="num">{hub.sessionsThisWeek}</td>
              <td className="num">{hub.cards}</td>
              <td className="num">{hub.devices}</td>
            </tr>
          ))}
        </tbody>
        {overview.hubs.length > 1 ? (
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Totale
              </th>
              <td className="num">{total('checkinsToday')}</td>
              <td className="num">{total('sessionsThisWeek')}</td>
              <td className="num">{total('cards')}</td>
              <td className="num">{total('devices')}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
      <p className="muted">
        Aggiornato alle{' '}
        {new Intl.DateTimeFormat('it-IT', { timeStyle: 'short', timeZone: 'Europe/Rome' }).format(
          overview.generatedAt,
        )}
      </p>
    </section>
  );
}
