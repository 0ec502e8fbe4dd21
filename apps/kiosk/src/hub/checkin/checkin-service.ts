import {
  AGE_BANDS,
  type Checkin,
  type CheckinAnswer,
  type Enrolment,
  enrolmentId,
  type Hub,
  isUlid,
  type Language,
  parseCardToken,
  parseShortCode,
  type ScanIntent,
  type ScanSource,
  type Session,
  startOfLocalDay,
  verifyCardToken,
} from '@vigevano/protocol';
import { ulid } from 'ulid';
import { issuerDirectory } from '../cards/issuers';
import { cardIdsWithShortCode } from '../cards/short-codes';
import { type KioskClock, Serial } from '../clock';
import type { KioskDatabase } from '../database/open';
import type { CheckinMessageKey } from '../i18n/messages';
import { answerLanguage } from '../i18n/visit-language';
import type { KioskIdentity } from '../identity';
import {
  type CardState,
  type CheckinDecision,
  type CheckinFacts,
  decideCheckin,
  type LastEvent,
  type SessionFacts,
} from './decision';
import type { RefusalCounter } from './refusal-counter';
import { repeatWindowOf } from './repeat-window';
import { FALLBACK_TIME_ZONE, sessionSeats } from './session-seats';

/** The card id as someone types it: case, spaces and dashes do not matter; O, I and L read as 0, 1 and 1. */
function typedCardId(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return isUlid(compact) ? compact : undefined;
}

/**
 * What a typed text names: a card id (the long ULID), a short code (`K7M-4QX-9PWC`, its check symbol right), or a
 * short code typed wrong (10 symbols, some outside the alphabet or failing the check). Anything else is a scan.
 */
function typedCode(
  text: string,
): { kind: 'id'; cardId: string } | { kind: 'short'; code: string } | { kind: 'wrong' } | undefined {
  const cardId = typedCardId(text);
  if (cardId) return { kind: 'id', cardId };
  if (text.length > 20) return undefined;
  const short = parseShortCode(text);
  if (short.ok) return { kind: 'short', code: short.code };
  return short.reason === 'length' ? undefined : { kind: 'wrong' };
}

type Messages = (language: Language, key: CheckinMessageKey, values?: Record<string, string>) => string;

export interface CheckinServiceOptions {
  db: KioskDatabase;
  identity: KioskIdentity;
  clock: KioskClock;
  messages: Messages;
  now?: () => number;
  /** counts refused scans by reason and hour, with no personal data (absent in tests that do not look) */
  refusals?: RefusalCounter;
}

/**
 * From a scanned text to a stored, immutable check-in and an answer in the visitor's language. Scans are decided
 * one at a time (a double scan arriving together is one check-in and one repeat), and an answer that says a
 * check-in was stored is given only after the database has it on disk (invariant 1).
 */
export class CheckinService {
  private readonly serial = new Serial();
  private readonly now: () => number;

  constructor(private readonly options: CheckinServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * A scanned or typed text. `intent` `out` is the visitor's "I am leaving" (see ScanIntent): it checks a card out,
   * whatever session the kiosk checks into; at a hub that does not record check-outs it is a RangeError.
   * `visitLanguage` is the language the visitor tapped on the kiosk: when given, the answer is in it, whatever
   * the card's language (see answerLanguage).
   */
  scan(
    text: string,
    source: ScanSource,
    sessionId?: string,
    intent?: ScanIntent,
    visitLanguage?: Language,
  ): Promise<CheckinAnswer> {
    return this.serial.run(async () => {
      const answer = await this.decideAndRecord(
        text,
        source,
        intent ? undefined : sessionId,
        intent,
        visitLanguage,
      );
      // A count that fails to store must not change the visitor's answer: it is a statistic, not a record.
      await this.options.refusals?.refused(answer.code).catch(() => undefined);
      return answer;
    });
  }

  /** A visitor without a card, counted by category only; answered in `visitLanguage` if tapped, else Italian. */
  guest(
    ageBand: (typeof AGE_BANDS)[number],
    firstVisit: boolean,
    sessionId?: string,
    visitLanguage?: Language,
  ): Promise<CheckinAnswer> {
    return this.serial.run(async () => {
      if (!AGE_BANDS.includes(ageBand)) throw new RangeError(`unknown age band ${ageBand}`);
      const language = answerLanguage(visitLanguage, undefined);
      const session = sessionId ? await this.session(sessionId) : undefined;
      const hub = await this.hub();
      // The same rules as a card (closed, cancelled, full), from the same decision function: a guest has no
      // card history, so only the session's rules can refuse.
      const decision = decideCheckin({
        kind: 'guest',
        ...(await this.commonFacts(hub)),
        session: session ? await this.sessionFacts(session, hub) : undefined,
      });
      if (decision.code !== 'accepted') return this.refusal(decision.code, language, { session });
      const checkin = await this.record({
        guest: { ageBand, firstVisit },
        source: 'guest',
        direction: 'in',
        sessionId,
      });
      return {
        ...this.answer('accepted', language, { session }),
        message: this.options.messages(language, 'guest'),
        checkinId: checkin.id,
        direction: 'in',
      };
    });
  }

  /**
   * Closing time: everyone whose last event today at this hub is a check-in gets an automatic check-out at
   * `closingTime`. Only for hubs that use check-out; returns how many were checked out. Running it twice is
   * harmless: the second run finds nobody inside.
   */
  checkoutEveryoneInside(closingTime: number): Promise<number> {
    return this.serial.run(async () => {
      const hub = await this.hub();
      if (!hub?.usesCheckout) return 0;
      const events = await this.options.db.checkins
        .find({
          selector: {
            hubId: hub.id,
            deviceTime: { $gte: startOfLocalDay(hub.timezone, closingTime), $lte: closingTime },
          },
          sort: [{ hubId: 'asc' }, { deviceTime: 'asc' }],
        })
        .exec();
      const last = new Map<string, LastEvent>();
      for (const e of events)
        if (e.cardId) last.set(e.cardId, { direction: e.direction, deviceTime: e.deviceTime });
      const facts = await this.commonFacts(hub);
      const inside = [...last]
        .filter(
          ([, event]) => decideCheckin({ kind: 'closing', ...facts, last: event }).code === 'checked_out',
        )
        .map(([cardId]) => cardId);
      for (const cardId of inside)
        await this.record({ cardId, source: 'manual', direction: 'out', automatic: true }, closingTime);
      return inside.length;
    });
  }

  private async decideAndRecord(
    text: string,
    source: ScanSource,
    sessionId?: string,
    intent?: ScanIntent,
    visit?: Language,
  ): Promise<CheckinAnswer> {
    const typed = typedCode(text);
    if (typed?.kind === 'id') return this.checkInTypedId(typed.cardId, sessionId, intent, visit);
    if (typed?.kind === 'short') {
      // A derived code may, rarely, name two cards held here: then it names none (the QR or staff can tell).
      const ids = await cardIdsWithShortCode(this.options.db, typed.code);
      return ids.length === 1
        ? this.checkInTypedId(ids[0] as string, sessionId, intent, visit)
        : this.answer('invalid', answerLanguage(visit, undefined));
    }
    if (typed?.kind === 'wrong') return this.answer('invalid', answerLanguage(visit, undefined));
    const { db, identity } = this.options;
    const verified = verifyCardToken(text, await issuerDirectory(db, identity, this.now()));
    if (!verified.ok) {
      // Unverified, but readable: answer in the language printed in it (the message reveals nothing).
      const readable = parseCardToken(text);
      return this.answer(
        verified.code,
        answerLanguage(visit, readable.ok ? readable.card.language : undefined),
      );
    }
    const { card } = verified;
    const language = answerLanguage(visit, card.language);
    const alias = card.alias;
    const cardDoc = await db.cards.findOne(card.cardId).exec();
    const issuer =
      verified.issuer.id === identity.deviceId
        ? undefined
        : await db.devices.findOne(verified.issuer.id).exec();
    // A revoked kiosk's cards count only if the server knew them before (see issuerDirectory).
    return this.applyRules(
      'card',
      { cardId: card.cardId, alias, language },
      { known: !!cardDoc, revoked: cardDoc?.revoked ?? false, issuerRevoked: issuer?.revoked ?? false },
      source,
      sessionId,
      intent,
    );
  }

  /**
   * A card whose QR will not scan: the visitor types the code printed under it (or the long id). There is no signature to check, so
   * only a card this kiosk already holds (issued here or synced) is accepted.
   */
  private async checkInTypedId(
    cardId: string,
    sessionId?: string,
    intent?: ScanIntent,
    visit?: Language,
  ): Promise<CheckinAnswer> {
    const card = await this.options.db.cards.findOne(cardId).exec();
    return this.applyRules(
      'typed_code',
      { cardId, alias: card?.alias ?? '', language: answerLanguage(visit, card?.language) },
      { known: !!card, revoked: card?.revoked ?? false, issuerRevoked: false },
      'manual',
      sessionId,
      intent,
    );
  }

  private async applyRules(
    kind: 'card' | 'typed_code',
    card: { cardId: string; alias: string; language: Language },
    state: CardState,
    source: ScanSource,
    sessionId?: string,
    intent?: ScanIntent,
  ): Promise<CheckinAnswer> {
    const { alias, language } = card;
    const hub = await this.hub();
    const facts = await this.commonFacts(hub);
    const session = sessionId ? await this.session(sessionId) : undefined;
    const last = await this.lastEvent(card.cardId, hub, facts.now);
    const decision = decideCheckin({
      kind,
      ...facts,
      card: state,
      ...(intent ? { intent } : {}),
      last,
      session: session ? await this.sessionFacts(session, hub, card.cardId) : undefined,
    });
    // An unknown typed code or an untrusted issuer: nothing about the card may be shown.
    const context =
      decision.code === 'invalid'
        ? {}
        : decision.code === 'unknown_issuer'
          ? { alias, cardId: card.cardId }
          : { alias, cardId: card.cardId, session };
    if (decision.code !== 'accepted' && decision.code !== 'checked_out')
      return this.refusal(decision.code, language, context);

    // A check-out belongs to the session its check-in was for (issue 18, item 4: the hours attended are cut by the
    // exit), whatever session the kiosk checks into now; "I am leaving" carries none of its own.
    const checkin = await this.record({
      cardId: card.cardId,
      source,
      direction: decision.direction,
      sessionId:
        decision.direction === 'out' ? (last?.direction === 'in' ? last.sessionId : undefined) : session?.id,
    });
    if (session && decision.direction === 'in') await this.markPresent(session, card.cardId, alias);
    return {
      ...this.answer(decision.code, language, context),
      checkinId: checkin.id,
      direction: decision.direction,
    };
  }

  /** The facts every decision shares: the clock and the hub's own rules. */
  private async commonFacts(hub: Hub | undefined): Promise<Pick<CheckinFacts, 'now' | 'hub'>> {
    return {
      now: this.now(),
      hub: { usesCheckout: hub?.usesCheckout ?? false, repeatWindowMs: repeatWindowOf(hub) },
    };
  }

  /** The answer to a refusal; the codes a card or a guest never gets are a programming error. */
  private refusal(
    code: CheckinDecision['code'],
    language: Language,
    context: { alias?: string; cardId?: string; session?: Session } = {},
  ): CheckinAnswer {
    if (code === 'nothing' || code === 'accepted' || code === 'checked_out')
      throw new Error(`not a refusal: ${code}`);
    return this.answer(code, language, context);
  }

  private async hub(): Promise<Hub | undefined> {
    return (await this.options.db.hubs.findOne(this.options.identity.hubId).exec())?.toJSON() as
      | Hub
      | undefined;
  }

  private async session(sessionId: string): Promise<Session | undefined> {
    const doc = await this.options.db.sessions.findOne(sessionId).exec();
    return doc && doc.hubId === this.options.identity.hubId ? (doc.toJSON() as Session) : undefined;
  }

  private async lastEvent(cardId: string, hub: Hub | undefined, now: number): Promise<LastEvent | undefined> {
    const since = startOfLocalDay(hub?.timezone ?? FALLBACK_TIME_ZONE, now);
    const last = await this.options.db.checkins
      .findOne({
        selector: { cardId, deviceTime: { $gte: since }, hubId: this.options.identity.hubId },
        sort: [{ cardId: 'asc' }, { deviceTime: 'desc' }],
      })
      .exec();
    return last
      ? { direction: last.direction, deviceTime: last.deviceTime, sessionId: last.sessionId }
      : undefined;
  }

  /**
   * Who holds a seat in the session: cards checked in or marked present by hand, once each (a card marked absent
   * afterwards frees its seat), and each guest; and where `cardId` (if any) stands.
   */
  private async sessionFacts(session: Session, hub: Hub | undefined, cardId?: string): Promise<SessionFacts> {
    return sessionSeats(this.options.db, session, hub?.timezone ?? FALLBACK_TIME_ZONE, cardId);
  }

  private async record(
    event: Pick<Checkin, 'cardId' | 'guest' | 'source' | 'direction' | 'sessionId' | 'automatic'>,
    at?: number,
  ): Promise<Checkin> {
    const now = at ?? this.now();
    const { identity, clock, db } = this.options;
    const checkin: Checkin = {
      id: ulid(now),
      hubId: identity.hubId,
      deviceId: identity.deviceId,
      ...(event.cardId ? { cardId: event.cardId } : {}),
      ...(event.guest ? { guest: event.guest } : {}),
      ...(event.sessionId ? { sessionId: event.sessionId } : {}),
      ...(event.automatic ? { automatic: true } : {}),
      direction: event.direction,
      source: event.source,
      deviceTime: now,
      hlc: await clock.tick(now),
      updatedAt: now,
    };
    // Resolves once the storage has written (and fsynced) it: only then may the kiosk say "accepted".
    await db.checkins.insert(checkin);
    return checkin;
  }

  private async markPresent(session: Session, cardId: string, alias: string): Promise<void> {
    const id = enrolmentId(session.id, cardId);
    const now = this.now();
    const existing = await this.options.db.enrolments.findOne(id).exec();
    if (existing) {
      await existing.incrementalPatch({ attendance: 'present', updatedAt: now, markedBy: 'checkin' });
      return;
    }
    const enrolment: Enrolment = {
      id,
      sessionId: session.id,
      hubId: session.hubId,
      cardId,
      alias,
      walkIn: true,
      attendance: 'present',
      markedBy: 'checkin',
      updatedAt: now,
    };
    await this.options.db.enrolments.insert(enrolment);
  }

  private answer(
    code: CheckinAnswer['code'],
    language: Language,
    context: { alias?: string; cardId?: string; session?: Session } = {},
  ): CheckinAnswer {
    const values: Record<string, string> = {};
    if (context.alias) values.name = context.alias;
    if (context.session) values.session = context.session.title;
    const { messages } = this.options;
    // "Hello Maria, welcome! You are checked in to “Italian A2”."
    const message =
      code === 'accepted' && context.session
        ? `${messages(language, 'accepted', values)} ${messages(language, 'accepted_session', values)}`
        : messages(language, code, values);
    return {
      code,
      message,
      language,
      ...(context.alias ? { alias: context.alias } : {}),
      ...(context.cardId ? { cardId: context.cardId } : {}),
      ...(context.session ? { session: { id: context.session.id, title: context.session.title } } : {}),
    };
  }
}
