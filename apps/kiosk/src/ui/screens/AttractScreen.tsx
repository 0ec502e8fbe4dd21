import { type KioskState, LANGUAGES, type Language } from '@vigevano/protocol';
import { useTranslation } from 'react-i18next';
import { ContentRotator } from '../components/ContentRotator';
import { SessionsToday } from '../components/SessionsToday';
import { StatusBar } from '../components/StatusBar';
import { formatDate, formatTime } from '../format';
import { directionOf, isolate, LANGUAGE_NAMES } from '../i18n';
import { InfoScreen } from '../info-screen/InfoScreen';
import { INFO_SCREEN_IDLE_SECONDS, useInfoScreen } from '../info-screen/use-info-screen';
import { ScannerView } from '../scanner/ScannerView';
import type { ScanDedupe } from '../scanner/scan-dedupe';
import { GUIDANCE_TEXT_KEYS } from '../scanner/scan-guidance';
import shared from '../shared.module.css';
import styles from './AttractScreen.module.css';
import { DirectionIcon } from './DirectionIcon';

export interface AttractScreenProps {
  state: KioskState;
  /** the session the kiosk checks people into, chosen by a facilitator */
  activeSession: { id: string; title: string } | null;
  largeText: boolean;
  onScan: (text: string) => void;
  /** the camera's dedupe, kept across screens (see ScanDedupe) */
  scanDedupe: ScanDedupe;
  /** the visitor tapped "I am leaving": the next card shown checks out */
  leaving: boolean;
  /** "I am leaving" tapped (true) or cancelled (false); offered only where the hub records exits */
  onLeaving: (leaving: boolean) => void;
  onTypeCode: () => void;
  onGuest: () => void;
  onStaff: () => void;
  onLanguage: (language: Language) => void;
  onLargeText: () => void;
}

/**
 * The idle screen (attract loop): hub, clock, info screens, today, and every way to check in, always visible. The
 * camera's viewfinder is its centre; the layout follows the screen's shape (kiosk-shape.ts, AttractScreen.module.css).
 * Left untouched for INFO_SCREEN_IDLE_SECONDS it gives way to the full-screen info screen (InfoScreen).
 */
export function AttractScreen(props: AttractScreenProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { state } = props;
  // Untouched for a while, the idle screen becomes the info screen (never while "I am leaving" waits for a card,
  // nor with nothing to show).
  const info = useInfoScreen(state.content.length > 0 && !props.leaving, INFO_SCREEN_IDLE_SECONDS);
  if (info.active)
    return (
      <InfoScreen
        state={state}
        language={language}
        onScan={props.onScan}
        scanDedupe={props.scanDedupe}
        onLeave={info.leave}
      />
    );
  const prompt = props.leaving ? t('leavingPrompt') : t('prompt');
  const guidance = {
    frame: t(GUIDANCE_TEXT_KEYS.frame),
    closer: t(GUIDANCE_TEXT_KEYS.closer),
    still: t(GUIDANCE_TEXT_KEYS.still),
  };
  return (
    <div className={styles.kiosk}>
      <header className={styles.header}>
        <h1 dir="auto">{state.hub.name}</h1>
        <p className={styles.clock}>
          <span>{formatDate(state.now, state.hub.timezone, language)}</span>
          <strong>{formatTime(state.now, state.hub.timezone, language)}</strong>
        </p>
      </header>
      <main className={styles.main}>
        <section className={styles.scanBox} aria-label={prompt}>
          <strong className={props.leaving ? styles.leavingPrompt : styles.prompt} aria-live="polite">
            {prompt}
          </strong>
          <ScannerView
            fill
            onScan={(text) => props.onScan(text)}
            dedupe={props.scanDedupe}
            hint=""
            startingHint={t('startingCamera')}
            previewLabel={t('cameraPreview')}
            cameraText={(key) => t(key)}
            guidance={guidance}
          />
          {props.activeSession ? (
            <p className={styles.activeSession}>
              {t('session', { session: isolate(props.activeSession.title) })}
            </p>
          ) : null}
        </section>
        <div className={styles.actions}>
          {state.hub.usesCheckout ? (
            <button
              type="button"
              className={styles.leaving}
              aria-pressed={props.leaving}
              onClick={() => props.onLeaving(!props.leaving)}
            >
              <DirectionIcon direction="out" className={styles.leavingIcon} />
              {props.leaving ? t('cancel') : t('leaving')}
            </button>
          ) : null}
          <button type="button" onClick={props.onTypeCode}>
            {t('typeCode')}
          </button>
          <button type="button" onClick={props.onGuest}>
            {t('noCard')}
          </button>
          <button type="button" aria-pressed={props.largeText} onClick={props.onLargeText}>
            {t('largeText')}
          </button>
          <button type="button" className={shared.secondary} onClick={props.onStaff}>
            {t('staff')}
          </button>
        </div>
        <div className={styles.info}>
          <ContentRotator items={state.content} language={language} slow={props.largeText} />
        </div>
        <div className={styles.today}>
          <SessionsToday state={state} />
        </div>
      </main>
      <nav className={styles.languages} aria-label={t('languages')}>
        {LANGUAGES.map((option) => (
          <button
            type="button"
            key={option}
            lang={option}
            dir={directionOf(option)}
            aria-pressed={language === option}
            onClick={() => props.onLanguage(option)}
          >
            {LANGUAGE_NAMES[option]}
          </button>
        ))}
      </nav>
      <StatusBar state={state} />
    </div>
  );
}
