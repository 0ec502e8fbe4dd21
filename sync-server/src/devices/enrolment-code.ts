import { randomInt } from 'node:crypto';

// Codes are read aloud and typed on a touch screen: Crockford base32 has no I, L, O or U to confuse.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh one-time code, 12 characters (60 bits) in groups of four: `7K3M-Q9TX-2B4H`. */
export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** The code as typed: case, spaces and dashes do not matter; O, I and L read as 0, 1 and 1. */
export function normaliseEnrolmentCode(typed: string): string {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
}
