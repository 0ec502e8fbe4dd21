import { type CheckinAnswer, RTL_LANGUAGES } from '@vigevano/protocol';
import { useEffect } from 'react';
import { answerTone, playTone, speak, TONE_SYMBOL } from '../feedback';

/**
 * The answer to a scan fills the screen for a few seconds: a colour and a symbol (never colour alone), a sound,
 * a large message in the visitor's language (spoken where the platform has a voice), and the session.
 */
export function AnswerScreen({
  answer,
  onDone,
  seconds = 5,
}: {
  answer: CheckinAnswer;
  onDone: () => void;
  seconds?: number;
}) {
  const tone = answerTone(answer.code);
  useEffect(() => {
    playTone(tone);
    speak(answer.message, answer.language);
    const timer = setTimeout(onDone, seconds * 1000);
    return () => clearTimeout(timer);
  }, [answer, tone, onDone, seconds]);
  return (
    <main
      className={`answer answer-${tone}`}
      data-code={answer.code}
      lang={answer.language}
      dir={RTL_LANGUAGES.includes(answer.language) ? 'rtl' : 'ltr'}
      onPointerDown={onDone}
    >
      <span className="answer-symbol" aria-hidden="true">
        {TONE_SYMBOL[tone]}
      </span>
      <p className="answer-message" role="alert">
        {answer.message}
      </p>
    </main>
  );
}
