import { scrypt } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { base64urlnopad } from '@scure/base';
import { PIN_PATTERN } from '../schema/patterns';

/** A hub's facilitator PIN as stored in the hub document: never the PIN itself. */
export interface FacilitatorPinHash {
  salt: string;
  hash: string;
  /** scrypt's N */
  cost: number;
}

/**
 * PINs are 6 to 10 digits. The hash travels to every kiosk (it must verify offline), so it is slow on purpose:
 * scrypt with N = 2^15 costs about 0.1 s here, which makes trying every 6-digit PIN cost more than a day of
 * one core. That is a kiosk door, not a vault: the dashboard's accounts use argon2id passwords instead.
 */
export const FACILITATOR_PIN_PATTERN = new RegExp(PIN_PATTERN);
const DEFAULT_COST = 2 ** 15;

function derive(pin: string, salt: Uint8Array, cost: number): Uint8Array {
  return scrypt(new TextEncoder().encode(pin), salt, { N: cost, r: 8, p: 1, dkLen: 32 });
}

export function hashFacilitatorPin(pin: string, cost = DEFAULT_COST): FacilitatorPinHash {
  if (!FACILITATOR_PIN_PATTERN.test(pin)) throw new RangeError('the PIN must be 6 to 10 digits');
  const salt = randomBytes(16);
  return { salt: base64urlnopad.encode(salt), hash: base64urlnopad.encode(derive(pin, salt, cost)), cost };
}

export function verifyFacilitatorPin(pin: string, stored: FacilitatorPinHash): boolean {
  if (!FACILITATOR_PIN_PATTERN.test(pin)) return false;
  let expected: Uint8Array;
  let actual: Uint8Array;
  try {
    expected = base64urlnopad.decode(stored.hash);
    actual = derive(pin, base64urlnopad.decode(stored.salt), stored.cost);
  } catch {
    return false;
  }
  // Constant time: compare every byte whatever the first difference.
  let difference = expected.length ^ actual.length;
  for (let i = 0; i < Math.min(expected.length, actual.length); i++)
    difference |= (expected[i] as number) ^ (actual[i] as number);
  return difference === 0;
}
