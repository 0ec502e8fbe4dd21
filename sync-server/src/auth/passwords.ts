import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed login, never a crash of the login route.
    return false;
  }
}

let unknownUserHash: Promise<string> | undefined;

/**
 * Checks a password against a hash of a random secret: called when the email is unknown, so a login for an
 * unknown address takes as long as one with a wrong password and does not reveal who has an account.
 */
export async function verifyAgainstNobody(password: string): Promise<false> {
  unknownUserHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await unknownUserHash, password);
  return false;
}
