import type { Content, KioskState, Language } from '@vigevano/protocol';
import { ItemView, type SignagePanelData } from '@vigevano/signage';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProofOfPlay } from '../components/use-proof-of-play';
import { formatTime } from '../format';
import { ScannerView } from '../scanner/ScannerView';
import type { ScanDedupe } from '../scanner/scan-dedupe';
import styles from './InfoScreen.module.css';
import { signageText } from './signage-text';

/** Each item's time on the info screen (the idle screen's carousel: 8 s; a full screen is read from further). */
const ITEM_SECONDS = 12;

/**
 * The idle kiosk as an info screen: one item at a time in its own layout, filling the screen above a band that
 * keeps the kiosk's job in view.
 *
 * A visitor is never lost here, because nothing of checking in is taken away, only moved: the camera keeps
 * scanning in the band's small viewfinder under "show your card" (a card goes straight to its answer, as from the
 * idle screen); the band names the hub and the time, so the screen still says where it is; and any touch,
 * anywhere, brings back the idle screen with every other way in (typed code, no card, languages, staff), as the
 * band's button says in words. Nothing here waits for an answer or holds a visitor's data, so leaving it can
 * never lose anything.
 */
export function InfoScreen({
  state,
  language,
  onScan,
  scanDedupe,
  onLeave,
}: {
  state: KioskState;
  language: Language;
  onScan: (text: string) => void;
  scanDedupe: ScanDedupe;
  onLeave: () => void;
}) {
  const { t } = useTranslation();
  const items = state.content;
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (items.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % items.length), ITEM_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [items.length]);
  const item = items.length > 0 ? (items[index % items.length] as Content) : undefined;
  // Proof of play, as the idle screen's carousel reports it.
  useProofOfPlay(item);
  const panels = useMemo<SignagePanelData>(
    () => ({
      hubId: state.hub.id,
      here: state.sessionsToday.map((s) => ({
        key: s.id,
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        freePlaces: null,
      })),
      directory: null,
      now: state.now,
    }),
    [state],
  );
  const shape = window.innerHeight > window.innerWidth ? 'portrait' : 'landscape';
  const prompt = t('prompt');
  return (
    // Any touch on the screen leaves; the band's button says so and serves the keyboard and screen readers.
    <div className={styles.screen} onPointerDown={onLeave} data-info-screen="">
      <div className={styles.item}>
        {item ? (
          <ItemView
            item={item}
            shape={shape}
            language={language}
            mediaUrl={(fileId) => `/media/${encodeURIComponent(fileId)}`}
            text={signageText(t, t(`content_${item.kind}`), state, language)}
            panels={panels}
            others={items.filter((other) => other.id !== item.id)}
          />
        ) : null}
      </div>
      <section className={styles.band} aria-label={prompt}>
        <div className={styles.viewfinder}>
          <ScannerView
            onScan={(text) => onScan(text)}
            dedupe={scanDedupe}
            hint=""
            startingHint=""
            previewLabel={t('cameraPreview')}
            cameraText={(key) => t(key)}
          />
        </div>
        <div className={styles.words}>
          <strong className={styles.prompt}>{prompt}</strong>
          <p className={styles.where}>
            <bdi dir="auto">{state.hub.name}</bdi> ·{' '}
            <bdi>{formatTime(state.now, state.hub.timezone, language)}</bdi>
          </p>
        </div>
        <button type="button" className={styles.touch} onClick={onLeave}>
          {t('infoTouch')}
        </button>
      </section>
    </div>
  );
}
