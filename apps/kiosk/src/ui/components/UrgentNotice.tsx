import {
  contentLanguage,
  type Language,
  type Notice,
  nextNoticeChange,
  noticeOnScreen,
} from '@vigevano/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf } from '../i18n';
import styles from './UrgentNotice.module.css';

/** setTimeout's longest delay (2^31 − 1 ms): a later change is waited for in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * An urgent notice over the idle screen (issue 17, item 4): the latest started of `notices` that is not over, in
 * the visitor's language when the notice has it, else the fallback of contentLanguage. It goes away at its end by
 * its own timer, not at the next state from the hub service; and appears at a later start the same way.
 * The idle screen stays mounted below it, so a card shown to the camera or a USB scanner still checks in.
 */
export function UrgentNotice({ notices, language }: { notices: Notice[]; language: Language }) {
  const { t } = useTranslation();
  // A render per start or end of a notice: `tick` moves when the timer fires, which re-arms it for the next one.
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick re-arms the timer once it has fired
  useEffect(() => {
    const current = Date.now();
    const next = nextNoticeChange(notices, current);
    if (next === undefined) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.min(next - current + 1, MAX_TIMEOUT_MS));
    return () => clearTimeout(timer);
  }, [notices, tick]);
  const now = Date.now();
  const notice = noticeOnScreen(notices, now);
  if (!notice) return null;
  const shown = contentLanguage(notice.title, notice.text, language);
  return (
    <div
      className={styles.overlay}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="urgent-notice-title"
    >
      <section className={styles.notice} data-notice-id={notice.id}>
        <p className={styles.label}>{t('urgent_notice')}</p>
        <h2 id="urgent-notice-title" lang={shown} dir={directionOf(shown)}>
          {notice.title[shown]}
        </h2>
        <p className={styles.text} lang={shown} dir={directionOf(shown)}>
          {notice.text[shown]}
        </p>
      </section>
    </div>
  );
}
