import type { CheckinCode, Language } from '@vigevano/protocol';

/**
 * How each answer looks and sounds. Entering and leaving never look alike (issue 16: a card checked out read as
 * a second check-in): `in` and `out` differ in colour token (--in green, --out violet), icon (an arrow into a
 * door, an arrow out of one), word ("Entrata", "Uscita" in the card's language) and tone (rising, falling).
 */
export type AnswerTone = 'in' | 'out' | 'info' | 'error';

export function answerTone(code: CheckinCode): AnswerTone {
  if (code === 'accepted') return 'in';
  if (code === 'checked_out') return 'out';
  if (code === 'already_checked_in' || code === 'not_checked_in') return 'info';
  return 'error';
}

/** The symbol of the answers without an icon of their own (never colour alone). */
export const TONE_SYMBOL = { info: 'i', error: '!' } as const;

let audio: AudioContext | undefined;

/**
 * A short tone: rising for in, falling for out, flat for info, low double for an error. No sound files to ship
 * or load.
 */
export function playTone(tone: AnswerTone): void {
  try {
    audio ??= new AudioContext();
    const notes = { in: [660, 880], out: [880, 660], info: [660], error: [220, 220] }[tone];
    notes.forEach((frequency, i) => {
      const oscillator = (audio as AudioContext).createOscillator();
      const gain = (audio as AudioContext).createGain();
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.15;
      oscillator.connect(gain).connect((audio as AudioContext).destination);
      const start = (audio as AudioContext).currentTime + i * 0.18;
      oscillator.start(start);
      oscillator.stop(start + 0.14);
    });
  } catch {
    // No audio device: the screen still says everything.
  }
}

/** Speaks the answer where the platform has a voice for the language; silently skips where it has none. */
export function speak(text: string, language: Language): void {
  if (typeof speechSynthesis === 'undefined') return;
  const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(language));
  if (!voice) return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text.replace(/[\u2068\u2069]/g, ''));
  utterance.voice = voice;
  utterance.lang = voice.lang;
  speechSynthesis.speak(utterance);
}
