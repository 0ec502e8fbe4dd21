import type { SignageText } from '../text';
import type { SignagePanelData } from './panel-data';
import styles from './panels.module.css';
import { SessionList } from './SessionList';

/**
 * "Today at the other hubs": for each other hub of the city, its name and area, today's opening hours (or
 * closed) and today's sessions with free places, from the server-written directory (never another hub's data).
 */
export function TodayOtherHubs({ data, text }: { data: SignagePanelData; text: SignageText }) {
  const others = (data.directory ?? []).filter((h) => h.hubId !== data.hubId);
  return (
    <section className={styles.panel} data-panel="today-other-hubs">
      <h2>{text.todayOtherHubs}</h2>
      {data.directory === null || others.length === 0 ? (
        <p className={styles.muted}>{text.noDirectory}</p>
      ) : (
        others.map((hub) => (
          <section key={hub.hubId} className={styles.hub}>
            <h3>
              <bdi lang="it">{hub.name}</bdi>
              {hub.area ? (
                <span className={styles.area}>
                  {' · '}
                  <bdi lang="it">{hub.area}</bdi>
                </span>
              ) : null}
            </h3>
            <p className={styles.hours}>
              {hub.openToday.length === 0 ? (
                text.closedToday
              ) : (
                <bdi dir="ltr">{hub.openToday.map((h) => `${h.open}–${h.close}`).join(', ')}</bdi>
              )}
            </p>
            <SessionList
              sessions={hub.sessionsToday.map((s, i) => ({ ...s, key: `${hub.hubId}:${i}` }))}
              text={text}
              now={data.now}
            />
          </section>
        ))
      )}
    </section>
  );
}
