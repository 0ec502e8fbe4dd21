import { describe, expect, it } from 'vitest';
import { facilitatorPinProblem } from './pin-strength';

describe('facilitatorPinProblem', () => {
  it.each([
    ['12345', 'di 6-10 cifre'],
    ['12345a', 'di 6-10 cifre'],
    ['12345678901', 'di 6-10 cifre'],
    ['123456', 'comune'],
    ['147258', 'comune'],
    ['234567', 'sequenza'],
    ['987654', 'sequenza'],
    ['7890123', 'sequenza'],
    ['000000', 'comune'],
    ['555555', 'ripetute'],
    ['999999999', 'ripetute'],
    ['112233', 'comune'],
    ['445566', 'ripetute'],
    ['343434', 'ripetute'],
    ['472472', 'ripetute'],
    ['100100', 'ripetute'],
    ['111222', 'ripetute'],
  ])('refuses %s (%s)', (pin, words) => {
    expect(facilitatorPinProblem(pin)).toContain(words);
  });

  it.each(['274918', '5038274', '8302917465', '246813'])('accepts %s', (pin) => {
    expect(facilitatorPinProblem(pin)).toBeUndefined();
  });
});
