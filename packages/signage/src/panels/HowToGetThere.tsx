import type { SignageText } from '../text';
import type { SignagePanelData } from './panel-data';
import styles from './panels.module.css';

/**
 * "How to get there": from this hub to each other hub, on foot and by bicycle, and the public-transport notes a
 * coordinator wrote. Times estimated from the hubs' positions say so ("approximate"), times a coordinator entered
 * do not; both come from this hub's directory entry, written by the server.
 */
export function HowToGetThere({ data, text }: { data: SignagePanelData; text: SignageText }) {
  const directory = data.directory ?? [];
  const here = directory.find((h) => h.hubId === data.hubId);
  const nameOf = new Map(directory.map((h) => [h.hubId, h]));
  const routes = (here?.routes ?? []).filter((r) => nameOf.has(r.toHubId));
  return (
    <section className={styles.panel} data-panel="how-to-get-there">
      <h2>{text.howToGetThere}</h2>
      {routes.length === 0 ? (
        <p className={styles.muted}>{text.noDirectory}</p>
      ) : (
        <ul className={styles.routes}>
          {routes.map((route) => {
            const to = nameOf.get(route.toHubId);
            return (
              <li key={route.toHubId}>
                <h3>
                  <bdi lang="it">{to?.name}</bdi>
                </h3>
                {to?.address ? (
                  <p className={styles.muted}>
                    <bdi lang="it">{to.address}</bdi>
                  </p>
                ) : null}
                <p className={styles.times}>
                  <span>{text.walking(route.walkingMinutes)}</span>
                  <span>{text.cycling(route.cyclingMinutes)}</span>
                  {route.approximate ? (
                    <small className={styles.approximate}>{text.approximate}</small>
                  ) : null}
                </p>
                {route.transitNotes ? (
                  <p className={styles.transit}>
                    <bdi lang="it">{route.transitNotes}</bdi>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
