export { seededRandom } from '@vigevano/testkit/random';

export function between(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}

/** Standard normal deviate (Box-Muller). */
export function gaussian(random: () => number): number {
  const u = Math.max(Number.MIN_VALUE, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
