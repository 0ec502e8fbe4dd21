import { LANGUAGES, type Language } from '@vigevano/protocol';
import { type PhotoConditions, SHARP_CONDITIONS } from './card-photo';
import { between } from './random';

/**
 * The defects of a kiosk camera, each at a moderate level (what a hub sees every day: the goal is ≥ 99.5 % read)
 * and a harder one (to show where the pipeline gives up). Every photo also gets a little of everything: a card
 * held by hand is never perfectly square, centred, sharp and clean.
 */
export const CONDITIONS = ['noise', 'blur', 'tilt', 'perspective', 'low-light', 'glare', 'mixed'] as const;
export type Condition = (typeof CONDITIONS)[number];
export type Level = 'moderate' | 'hard';

function handheld(random: () => number, level: Level): PhotoConditions {
  return {
    ...SHARP_CONDITIONS,
    // The card fills 45-70 % of the width at moderate levels (a card at 20-30 cm), less when hard.
    cardWidth: level === 'moderate' ? between(random, 300, 440) : between(random, 240, 460),
    tilt: between(random, -10, 10),
    perspective: between(random, 0, 10),
    axis: between(random, 0, Math.PI * 2),
    offsetX: between(random, -25, 25),
    offsetY: between(random, -25, 25),
    blur: between(random, 0, 0.6),
    noise: between(random, 1, 3),
  };
}

export function conditionsFor(condition: Condition, level: Level, random: () => number): PhotoConditions {
  const base = handheld(random, level);
  const hard = level === 'hard';
  switch (condition) {
    case 'noise':
      return { ...base, noise: hard ? between(random, 22, 34) : between(random, 8, 16) };
    case 'blur':
      return { ...base, blur: hard ? between(random, 1.8, 2.6) : between(random, 0.9, 1.5) };
    case 'tilt':
      return { ...base, tilt: hard ? between(random, -180, 180) : between(random, -45, 45) };
    case 'perspective':
      return { ...base, perspective: hard ? between(random, 40, 55) : between(random, 20, 35) };
    case 'low-light':
      return {
        ...base,
        light: hard ? between(random, 0.1, 0.18) : between(random, 0.25, 0.45),
        noise: hard ? between(random, 4, 6) : between(random, 2, 4),
      };
    case 'glare': {
      const angle = between(random, 0, Math.PI * 2);
      const distance = hard ? between(random, 0, 30) : between(random, 40, 90);
      return {
        ...base,
        glare: hard ? between(random, 0.8, 1.1) : between(random, 0.35, 0.6),
        glareX: Math.cos(angle) * distance,
        glareY: Math.sin(angle) * distance,
        glareRadius: hard ? between(random, 45, 70) : between(random, 30, 55),
      };
    }
    case 'mixed':
      return {
        ...base,
        noise: hard ? between(random, 10, 18) : between(random, 4, 8),
        blur: hard ? between(random, 1.0, 1.6) : between(random, 0.5, 1.0),
        tilt: hard ? between(random, -90, 90) : between(random, -30, 30),
        perspective: hard ? between(random, 20, 35) : between(random, 8, 20),
        light: hard ? between(random, 0.3, 0.5) : between(random, 0.55, 0.9),
      };
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ALIASES = [
  'Maria',
  'Giuseppe Rossi',
  'Aïcha',
  'محمد',
  'Олена',
  '李明',
  'Ion Popescu',
  'Sofía',
  'Arbër K.',
];

/** A random card payload (the token is signed by the caller with `encodeCardToken`). */
export function randomCard(random: () => number): {
  cardId: string;
  alias: string;
  language: Language;
  issuedAt: number;
} {
  let cardId = CROCKFORD[Math.floor(random() * 8)] as string;
  for (let i = 1; i < 26; i += 1) cardId += CROCKFORD[Math.floor(random() * 32)];
  return {
    cardId,
    alias: ALIASES[Math.floor(random() * ALIASES.length)] as string,
    language: LANGUAGES[Math.floor(random() * LANGUAGES.length)] as Language,
    issuedAt: Date.UTC(2025, 0, 1) + Math.floor(random() * 700) * 86_400_000,
  };
}
