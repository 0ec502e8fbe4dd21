import { type CheckinAnswer, DEFAULT_LANGUAGE, type KioskMode, type Language } from '@vigevano/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './App.module.css';
import { UrgentNotice } from './components/UrgentNotice';
import { setVisitorLanguage, unreachableHubMessage } from './i18n';
import { kioskApi } from './kiosk-api';
import { KeyboardWedge, keystrokeOf } from './scanner/keyboard-wedge';
import { ScanDedupe } from './scanner/scan-dedupe';
import { AnswerScreen } from './screens/AnswerScreen';
import { AttractScreen } from './screens/AttractScreen';
import { EnrolmentScreen } from './screens/EnrolmentScreen';
import { FacilitatorScreen } from './screens/facilitator/FacilitatorScreen';
import { PinScreen } from './screens/facilitator/PinScreen';
import { GuestScreen } from './screens/GuestScreen';
import { TypedCodeScreen } from './screens/TypedCodeScreen';
import shared from './shared.module.css';
import { useIdleReset } from './use-idle-reset';
import { useKioskState } from './use-kiosk-state';

/**
 * An answer waiting its turn on the answer screen; `id` tells two equal answers apart (a React key); `scanned`
 * is the camera's or USB scanner's text it answers, held by the scan dedupe until the answer closes.
 */
interface QueuedAnswer {
  id: number;
  answer: CheckinAnswer;
  scanned?: string;
}

type Mode =
  | { kind: 'attract' }
  /** the first answer is on screen; the others wait, in the order their scans came */
  | { kind: 'answer'; answers: [QueuedAnswer, ...QueuedAnswer[]] }
  | { kind: 'typed' }
  | { kind: 'guest' }
  | { kind: 'pin'; error: string | null }
  | { kind: 'facilitator'; token: string; name: string };

const ACTIVE_SESSION_KEY = 'vigevano.activeSession';
/** A card is reported again only once out of the scanners' sight this long, also after its answer (ScanDedupe). */
const SCAN_ABSENT_MS = 3000;
/** A tapped language with nobody touching the idle screen this long: the visitor left, back to Italian. */
const LANGUAGE_IDLE_SECONDS = 60;
/** "I am leaving" waits this long for a card, then the idle screen checks in again. */
const LEAVING_SECONDS = 30;
const PIN_ERRORS = {
  wrong: 'PIN non corretto.',
  locked: 'Troppi tentativi: riprova tra un minuto.',
  no_pin: 'Per questo hub non è stato impostato un PIN: usa la tessera facilitatore.',
  not_facilitator: 'Questa tessera non è di un facilitatore.',
} as const;

/** The answer when the hub service could not answer (its error is logged, not shown), in the visit's language. */
function errorAnswer(error: unknown, language: Language): CheckinAnswer {
  console.warn('kiosk: no answer from the hub service', error);
  return { code: 'error', message: unreachableHubMessage(language), language };
}

export function App() {
  const { t } = useTranslation();
  const [kioskMode, setKioskMode] = useState<KioskMode | null>(null);
  useEffect(() => {
    kioskApi.mode
      .query()
      .then(setKioskMode)
      .catch(() => setKioskMode('kiosk'));
  }, []);
  if (kioskMode === null) return <main className={shared.centered}>{t('starting')}</main>;
  return kioskMode === 'enrolment' ? <EnrolmentScreen /> : <Kiosk />;
}

function Kiosk() {
  const load = useKioskState();
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>({ kind: 'attract' });
  /**
   * The language the visitor tapped, held for the whole visit (every screen, and the hub's answers: it travels with
   * each scan and guest request, see answerLanguage in the hub service); null when nothing was tapped, and then a
   * card's own language answers. The visit ends when the kiosk goes back to the idle screen (an answer closes, a
   * form's idle reset, Annulla) or, with nothing else on screen, after LANGUAGE_IDLE_SECONDS untouched.
   */
  const [visitLanguage, setVisitLanguage] = useState<Language | null>(null);
  const chooseLanguage = useCallback((language: Language | null) => {
    setVisitLanguage(language);
    setVisitorLanguage(language ?? DEFAULT_LANGUAGE);
  }, []);
  const [largeText, setLargeText] = useState(false);
  const [activeSession, setActiveSession] = useState<{ id: string; title: string } | null>(() =>
    JSON.parse(sessionStorage.getItem(ACTIVE_SESSION_KEY) ?? 'null'),
  );
  const answerIds = useRef(0);
  // One dedupe for the camera and the USB scanner, kept across screens: a card held still through its answer is
  // not read again when the idle screen's camera restarts (the cool-down: see ScanDedupe).
  const scanDedupe = useRef(new ScanDedupe(SCAN_ABSENT_MS));
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    if (!leaving) return;
    const timer = setTimeout(() => setLeaving(false), LEAVING_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [leaving]);
  // Scans are checked in one at a time, in the order they came: each waits for the one before (a promise chain)
  // instead of being dropped while another is in flight or its answer is on screen.
  const pendingScans = useRef<Promise<void>>(Promise.resolve());

  const useSession = useCallback((session: { id: string; title: string } | null) => {
    setActiveSession(session);
    sessionStorage.setItem(ACTIVE_SESSION_KEY, JSON.stringify(session));
  }, []);

  /** Back to the idle screen: nothing of one visitor stays on screen for the next. */
  const home = useCallback(() => setMode({ kind: 'attract' }), []);
  useEffect(() => {
    if (mode.kind === 'attract') chooseLanguage(null);
  }, [mode, chooseLanguage]);

  /** Shows an answer now, or after the answers already on screen or waiting (never instead of them). */
  const showAnswer = useCallback((answer: CheckinAnswer, scanned?: string) => {
    const queued = { id: ++answerIds.current, answer, ...(scanned ? { scanned } : {}) };
    setMode((m) =>
      m.kind === 'answer' ? { ...m, answers: [...m.answers, queued] } : { kind: 'answer', answers: [queued] },
    );
  }, []);

  /** The answer on screen is done (its time is up, it was touched, or the next one waits): the next, or home. */
  const nextAnswer = useCallback(() => {
    setMode((m) => {
      if (m.kind !== 'answer') return m;
      const [, next, ...rest] = m.answers;
      return next ? { kind: 'answer', answers: [next, ...rest] } : { kind: 'attract' };
    });
  }, []);

  // The scanned text of the answer on screen, for closeAnswer (set while rendering it).
  const answerOnScreen = useRef<string | undefined>(undefined);
  /** The answer on screen is done: its card's cool-down starts now (ScanDedupe), then the next answer or home. */
  const closeAnswer = useCallback(() => {
    if (answerOnScreen.current) scanDedupe.current.release(answerOnScreen.current, performance.now());
    nextAnswer();
  }, [nextAnswer]);

  const checkIn = useCallback(
    async (text: string, source: 'camera' | 'scanner' | 'manual', intent: 'out' | undefined) => {
      // A card read by a scanner stays held until its answer closes (typed codes are never read twice).
      const scanned = source === 'manual' ? undefined : text;
      if (scanned) scanDedupe.current.hold(scanned);
      try {
        // A facilitator's card opens facilitator mode instead of checking in.
        const login = source === 'manual' ? undefined : await kioskApi.loginCard.mutate({ text });
        if (login?.ok) {
          scanDedupe.current.release(text, performance.now());
          setMode({ kind: 'facilitator', token: login.token, name: login.name });
          return;
        }
        const answer = await kioskApi.scan.mutate({
          text,
          source,
          ...(activeSession && !intent ? { sessionId: activeSession.id } : {}),
          ...(intent ? { intent } : {}),
          ...(visitLanguage ? { language: visitLanguage } : {}),
        });
        showAnswer(answer, scanned);
      } catch (error) {
        showAnswer(errorAnswer(error, visitLanguage ?? DEFAULT_LANGUAGE), scanned);
      }
    },
    [activeSession, showAnswer, visitLanguage],
  );

  /**
   * Queues a scan behind those not answered yet; checkIn never rejects, so the chain never breaks. "I am leaving"
   * applies to the first card shown after it, then the kiosk checks in again.
   */
  const scan = useCallback(
    (text: string, source: 'camera' | 'scanner' | 'manual') => {
      const intent = leaving ? ('out' as const) : undefined;
      if (leaving) setLeaving(false);
      pendingScans.current = pendingScans.current.then(() => checkIn(text, source, intent));
    },
    [checkIn, leaving],
  );
  const latestScan = useRef(scan);
  latestScan.current = scan;

  // A USB barcode scanner types the card's text as a fast burst of keys: tell it from a person by the timing.
  // It listens on the answer screen too (the next visitor scans while the last answer shows), with one wedge for
  // both screens so a burst that starts on one and ends on the other is not cut in two.
  const wedgeListens = mode.kind === 'attract' || mode.kind === 'answer';
  useEffect(() => {
    if (!wedgeListens) return;
    const wedge = new KeyboardWedge();
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      const outcome = wedge.key(keystrokeOf(event), event.timeStamp);
      if (outcome.kind === 'scan' && scanDedupe.current.accept(outcome.text, performance.now()))
        latestScan.current(outcome.text, 'scanner');
    };
    const timer = setInterval(() => {
      const outcome = wedge.idle(performance.now());
      if (outcome.kind === 'scan' && scanDedupe.current.accept(outcome.text, performance.now()))
        latestScan.current(outcome.text, 'scanner');
    }, 100);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearInterval(timer);
    };
  }, [wedgeListens]);

  const inForm = mode.kind === 'typed' || mode.kind === 'guest' || mode.kind === 'pin';
  const formCountdown = useIdleReset(inForm, 60, 10, home);
  const staffCountdown = useIdleReset(mode.kind === 'facilitator', 300, 20, home);
  const resetLanguage = useCallback(() => chooseLanguage(null), [chooseLanguage]);
  const languageCountdown = useIdleReset(
    mode.kind === 'attract' && visitLanguage !== null,
    LANGUAGE_IDLE_SECONDS,
    10,
    resetLanguage,
  );
  const countdown = formCountdown ?? staffCountdown ?? languageCountdown;

  useEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
  }, [largeText]);

  if (load.kind === 'loading') return <main className={shared.centered}>{t('starting')}</main>;
  if (load.kind === 'unavailable')
    return (
      <main className={shared.centered} role="alert">
        {load.message}
      </main>
    );
  const { state } = load;

  let screen: React.ReactNode;
  switch (mode.kind) {
    case 'answer':
      answerOnScreen.current = mode.answers[0].scanned;
      screen = (
        <AnswerScreen
          key={mode.answers[0].id}
          answer={mode.answers[0].answer}
          nextWaiting={mode.answers.length > 1}
          onDone={closeAnswer}
        />
      );
      break;
    case 'typed':
      screen = <TypedCodeScreen onSubmit={(code) => scan(code, 'manual')} onCancel={home} />;
      break;
    case 'guest':
      screen = (
        <GuestScreen
          onCancel={home}
          onSubmit={async (ageBand, firstVisit) => {
            try {
              const answer = await kioskApi.guest.mutate({
                ageBand,
                firstVisit,
                ...(activeSession ? { sessionId: activeSession.id } : {}),
                ...(visitLanguage ? { language: visitLanguage } : {}),
              });
              showAnswer(answer);
            } catch (error) {
              showAnswer(errorAnswer(error, visitLanguage ?? DEFAULT_LANGUAGE));
            }
          }}
        />
      );
      break;
    case 'pin':
      screen = (
        <PinScreen
          error={mode.error}
          onCancel={home}
          onSubmit={async (pin) => {
            const login = await kioskApi.loginPin
              .mutate({ pin })
              .catch((e: Error) => ({ ok: false as const, message: e.message }));
            if (login.ok) setMode({ kind: 'facilitator', token: login.token, name: login.name });
            else
              setMode({ kind: 'pin', error: 'reason' in login ? PIN_ERRORS[login.reason] : login.message });
          }}
        />
      );
      break;
    case 'facilitator':
      screen = (
        <FacilitatorScreen
          token={mode.token}
          name={mode.name}
          timeZone={state.hub.timezone}
          activeSessionId={activeSession?.id ?? null}
          onUseSession={useSession}
          onExit={() => {
            void kioskApi.logout.mutate({ token: mode.token }).catch(() => undefined);
            home();
          }}
        />
      );
      break;
    default:
      screen = (
        <AttractScreen
          state={state}
          activeSession={activeSession}
          largeText={largeText}
          onScan={(text) => scan(text, 'camera')}
          scanDedupe={scanDedupe.current}
          leaving={leaving}
          onLeaving={setLeaving}
          onTypeCode={() => setMode({ kind: 'typed' })}
          onGuest={() => setMode({ kind: 'guest' })}
          onStaff={() => setMode({ kind: 'pin', error: null })}
          onLanguage={chooseLanguage}
          onLargeText={() => setLargeText((v) => !v)}
        />
      );
  }
  return (
    <>
      {screen}
      {/* over the idle screen only: a visitor's answer or a form is finished first, then the notice shows */}
      {mode.kind === 'attract' ? (
        <UrgentNotice notices={state.notices} language={visitLanguage ?? DEFAULT_LANGUAGE} />
      ) : null}
      {countdown !== null ? (
        <div className={styles.idleCountdown} role="timer" aria-live="polite">
          {t('idle', { seconds: countdown })}
        </div>
      ) : null}
    </>
  );
}
