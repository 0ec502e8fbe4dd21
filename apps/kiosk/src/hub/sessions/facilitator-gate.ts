import { randomBytes } from 'node:crypto';
import { verifyCardToken, verifyFacilitatorPin } from '@vigevano/protocol';
import { issuerDirectory } from '../cards/issuers';
import type { KioskDatabase } from '../database/open';
import type { KioskIdentity } from '../identity';

export interface Facilitator {
  /** the facilitator's name as the server set it (PIN), or the card's alias (card) */
  name: string;
  via: 'card' | 'pin';
  /** the facilitator's id in the hub document, when the PIN opened the gate */
  facilitatorId?: string;
}

export type GateResult =
  | { ok: true; token: string; facilitator: Facilitator; expiresAt: number }
  | { ok: false; reason: 'wrong' | 'locked' | 'no_pin'; retryAt?: number };

const IDLE_MS = 5 * 60_000;
const MAX_FAILURES = 5;
const LOCK_MS = 60_000;

/**
 * Facilitator mode opens with a facilitator card or a facilitator's own PIN, both checked offline: the hub document
 * carries each facilitator's scrypt hash (set on the server), and the PIN opens the mode as that facilitator. It lasts while it is used
 * and closes after five idle minutes (a kiosk is a public place). Five wrong PINs lock the PIN for a minute.
 */
export class FacilitatorGate {
  private readonly sessions = new Map<string, { facilitator: Facilitator; expiresAt: number }>();
  private failures = 0;
  private lockedUntil = 0;

  constructor(
    private readonly db: KioskDatabase,
    private readonly identity: KioskIdentity,
    private readonly now: () => number = Date.now,
  ) {}

  async withPin(pin: string): Promise<GateResult> {
    const now = this.now();
    if (now < this.lockedUntil) return { ok: false, reason: 'locked', retryAt: this.lockedUntil };
    const hub = await this.db.hubs.findOne(this.identity.hubId).exec();
    const withPin = (hub?.facilitators ?? []).filter((f) => f.pin);
    if (withPin.length === 0) return { ok: false, reason: 'no_pin' };
    // Each check costs one slow scrypt (by design): a hub has a handful of facilitators, and the server refuses a
    // PIN another facilitator of the same hub already uses, so the first match is the only one.
    const match = withPin.find((f) => f.pin && verifyFacilitatorPin(pin, f.pin));
    if (!match) {
      this.failures += 1;
      if (this.failures >= MAX_FAILURES) {
        this.failures = 0;
        this.lockedUntil = now + LOCK_MS;
        return { ok: false, reason: 'locked', retryAt: this.lockedUntil };
      }
      return { ok: false, reason: 'wrong' };
    }
    this.failures = 0;
    return this.open({ name: match.name, via: 'pin', facilitatorId: match.id });
  }

  /**
   * A scanned card opens the gate when the server made it a facilitator's card for this kiosk's hub (`role` and
   * `facilitatorHubs` are set by the server only: no kiosk can grant them); any other card does not.
   */
  async withCard(text: string): Promise<GateResult | undefined> {
    const verified = verifyCardToken(text, await issuerDirectory(this.db, this.identity, this.now()));
    if (!verified.ok) return undefined;
    const card = await this.db.cards.findOne(verified.card.cardId).exec();
    if (!card || card.revoked || card.role !== 'facilitator') return undefined;
    if (!card.facilitatorHubs?.includes(this.identity.hubId)) return undefined;
    return this.open({ name: card.alias, via: 'card' });
  }

  /** The facilitator of a token, extending its life; undefined when unknown or expired. */
  check(token: string | undefined): Facilitator | undefined {
    if (!token) return undefined;
    const entry = this.sessions.get(token);
    const now = this.now();
    if (!entry || entry.expiresAt <= now) {
      this.sessions.delete(token);
      return undefined;
    }
    entry.expiresAt = now + IDLE_MS;
    return entry.facilitator;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  private open(facilitator: Facilitator): GateResult {
    const token = randomBytes(24).toString('base64url');
    const expiresAt = this.now() + IDLE_MS;
    this.sessions.set(token, { facilitator, expiresAt });
    return { ok: true, token, facilitator, expiresAt };
  }
}
