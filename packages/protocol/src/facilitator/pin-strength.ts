import { FACILITATOR_PIN_PATTERN } from './pin';

/**
 * PINs people pick first and an onlooker tries first (the most common 6-digit PINs in published leaked-PIN
 * studies, e.g. DataGenetics' PIN analysis): refused even where the shape rules below would let them through.
 */
const COMMON_PINS: ReadonlySet<string> = new Set([
  '123456',
  '654321',
  '121212',
  '112233',
  '123123',
  '159753',
  '147258',
  '258369',
  '789456',
  '102030',
  '696969',
  '123321',
  '000000',
  '111111',
  '666666',
  '131313',
  '007007',
  '197000',
  '200000',
]);

/** Every digit one more (or one less) than the one before, wrapping 9→0: 123456, 567890, 987654. */
function isSequence(pin: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** The PIN is a shorter block repeated (000000, 121212, 123123) or each digit doubled (112233, 998877). */
function isRepetition(pin: string): boolean {
  for (let block = 1; block <= pin.length / 2; block++)
    if (pin.length % block === 0 && pin.slice(0, block).repeat(pin.length / block) === pin) return true;
  if (pin.length % 2 === 0) {
    let doubled = true;
    for (let i = 0; i < pin.length; i += 2) if (pin[i] !== pin[i + 1]) doubled = false;
    if (doubled) return true;
  }
  return new Set(pin).size <= 2;
}

/**
 * Why a facilitator PIN is refused, in Italian for the form; undefined when it is acceptable. A PIN is 6 to 10
 * digits, not a common PIN, not a sequence (123456, 987654), not made of repetitions (000000, 121212, 112233) and
 * of at least three different digits. Kiosks get only its scrypt hash, so a guessable PIN is the only weak spot.
 */
export function facilitatorPinProblem(pin: string): string | undefined {
  if (!FACILITATOR_PIN_PATTERN.test(pin)) return 'il PIN deve essere di 6-10 cifre, solo numeri';
  if (COMMON_PINS.has(pin)) return 'PIN troppo comune: scegline uno meno prevedibile';
  if (isSequence(pin)) return 'il PIN non può essere una sequenza di cifre (come 123456)';
  if (isRepetition(pin))
    return 'il PIN non può essere fatto di cifre ripetute (come 000000, 112233 o 121212)';
  return undefined;
}
