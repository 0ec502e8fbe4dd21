import type { CheckinCode, Language } from '@vigevano/protocol';

/** How each answer looks and sounds: a colour class, a symbol (never colour alone), a tone. */
export function answerTone(code: CheckinCode): 'ok' | 'info' | 'error' {
  if (code === 'accepted' || code === 'checked_out') return 'ok';
  if (code === 'already_checked_in') return 'info';
  return 'error';
}

export const TONE_SYMBOL = { ok: '✓', info: 'i', error: '!' } as const;

let audio: AudioContext | undefined;

/** A short tone: rising for ok, flat for info, low double for an error. No sound files to ship or load. */
export function playTone(tone: 'ok' | 'info' | 'error'): void {
  try {
    audio ??= new AudioContext();
    const notes = tone === 'ok' ? [660, 880] : tone === 'info' ? [660] : [220, 220];
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
