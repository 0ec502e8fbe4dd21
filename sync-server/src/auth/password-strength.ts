import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as italian from '@zxcvbn-ts/language-it';

/** The shortest password accepted, in characters: NIST SP 800-63B §3.1.1.2 asks for at least 8; we ask a bit more. */
const MIN_PASSWORD_LENGTH = 10;
/**
 * The lowest zxcvbn score accepted (0–4): 3 is "safely unguessable: moderate protection from offline slow-hash
 * scenario" (zxcvbn's own scale), which with argon2id is what a stolen copy of the database would face.
 */
const MIN_PASSWORD_SCORE = 3;

// Built once: the dictionaries are large, and checking many passwords with one factory is what zxcvbn-ts expects.
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...italian.dictionary },
  graphs: common.adjacencyGraphs,
  translations: italian.translations,
});

/**
 * Why `password` is too weak, in Italian for the person choosing it, or null when it is strong enough: at least
 * MIN_PASSWORD_LENGTH characters and a zxcvbn score of MIN_PASSWORD_SCORE, with the person's own e-mail and name
 * counted as guessable words (`personal`).
 */
export function passwordWeakness(password: string, personal: readonly string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `la password è troppo corta: servono almeno ${MIN_PASSWORD_LENGTH} caratteri`;
  const words = personal.flatMap((p) => p.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length > 2);
  const result = zxcvbn.check(password, words);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `la password è troppo facile da indovinare${hint ? `: ${hint}` : ''}`;
}
