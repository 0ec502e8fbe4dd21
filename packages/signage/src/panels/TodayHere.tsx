import type { SignageText } from '../text';
import type { SignagePanelData } from './panel-data';
import styles from './panels.module.css';
import { SessionList } from './SessionList';

/** "Today at this hub": the hub's own sessions of today with their free places. */
export function TodayHere({ data, text }: { data: SignagePanelData; text: SignageText }) {
  return (
    <section className={styles.panel} data-panel="today-here">
      <h2>{text.todayHere}</h2>
      <SessionList sessions={data.here} text={text} now={data.now} />
    </section>
  );
}
