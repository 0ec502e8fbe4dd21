import { type CheckinAnswer, RTL_LANGUAGES } from '@vigevano/protocol';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { answerTone, playTone, speak, TONE_SYMBOL } from '../feedback';
import styles from './AnswerScreen.module.css';
import { DirectionIcon } from './DirectionIcon';

/**
 * The answer to a scan fills the screen for a few seconds: a colour and a symbol (never colour alone), a sound,
 * a large message in the visitor's language (spoken where the platform has a voice), and the session. Entering
 * and leaving are told apart by colour, icon, a word ("Entrata" / "Uscita", spoken first) and tone.
 * When the next visitor's answer is already waiting, this one gives way as soon as it has been shown for
 * `minSeconds` (at once if it already has). Mount one per answer (a React key): the sound and the times start
 * at mount.
 */
export function AnswerScreen({
  answer,
  onDone,
  nextWaiting = false,
  seconds = 5,
  minSeconds = 1.5,
}: {
  answer: CheckinAnswer;
  /** called once this answer's time is up, or when it is touched */
  onDone: () => void;
  /** another answer waits for the screen */
  nextWaiting?: boolean;
  seconds?: number;
  minSeconds?: number;
}) {
  const { i18n } = useTranslation();
  const tone = answerTone(answer.code);
  // The word in the answer's language (the card's), like the message under it.
  const word =
    tone === 'in' || tone === 'out'
      ? i18n.getFixedT(answer.language)(tone === 'in' ? 'answerIn' : 'answerOut')
      : undefined;
  const shownAt = useRef(performance.now());
  useEffect(() => {
    playTone(tone);
    speak(word ? `${word}. ${answer.message}` : answer.message, answer.language);
  }, [answer, tone, word]);
  useEffect(() => {
    const elapsed = performance.now() - shownAt.current;
    const timer = setTimeout(onDone, Math.max(0, (nextWaiting ? minSeconds : seconds) * 1000 - elapsed));
    return () => clearTimeout(timer);
  }, [onDone, nextWaiting, seconds, minSeconds]);
  return (
    <main
      className={`${styles.answer} ${styles[tone]}`}
      data-code={answer.code}
      data-tone={tone}
      lang={answer.language}
      dir={RTL_LANGUAGES.includes(answer.language) ? 'rtl' : 'ltr'}
      onPointerDown={onDone}
    >
      {tone === 'in' || tone === 'out' ? (
        <>
          <span className={styles.symbol}>
            <DirectionIcon direction={tone} className={styles.icon} />
          </span>
          <p className={styles.direction}>{word}</p>
        </>
      ) : (
        <span className={styles.symbol} aria-hidden="true">
          {TONE_SYMBOL[tone]}
        </span>
      )}
      <p className={styles.message} role="alert">
        {word ? <span className={styles.visuallyHidden}>{`${word}. `}</span> : null}
        {answer.message}
      </p>
    </main>
  );
}
