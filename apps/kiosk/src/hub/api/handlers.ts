import { TRPCError } from '@trpc/server';
import {
  type Card,
  forbidden,
  type KioskHandlers,
  type KioskRosterEntry,
  type KioskState,
} from '@vigevano/protocol';
import { debounceTime, from, map, merge, type Observable, switchMap } from 'rxjs';
import { type CardIssuer, CardNotFound } from '../cards/card-issuer';
import { cardSheetHtml } from '../cards/card-sheet';
import type { CheckinService } from '../checkin/checkin-service';
import type { ProofOfPlay } from '../content/proof-of-play';
import type { KioskDatabase } from '../database/open';
import type { KioskIdentity } from '../identity';
import type { FacilitatorGate } from '../sessions/facilitator-gate';
import { SessionRuleError, type SessionService } from '../sessions/session-service';
import { fromObservable } from './async-iterable';

export interface HandlerDeps {
  db: KioskDatabase;
  identity: KioskIdentity;
  checkins: CheckinService;
  sessions: SessionService;
  gate: FacilitatorGate;
  cards: CardIssuer;
  plays: ProofOfPlay;
  state: () => Promise<KioskState>;
  state$: Observable<KioskState>;
  timeZone: () => Promise<string>;
}

/** A rule broken by the facilitator's request: the UI shows the message (Italian) and nothing changed. */
function asUserError(error: unknown): never {
  if (error instanceof SessionRuleError || error instanceof CardNotFound || error instanceof RangeError)
    throw new TRPCError({ code: 'BAD_REQUEST', message: error.message });
  throw error;
}

/** The hub service's implementation of the kiosk API contract (packages/protocol/src/kiosk/api.ts). */
export function createHandlers(deps: HandlerDeps): KioskHandlers {
  const { db, gate } = deps;
  const facilitator = (token: string) => {
    const who = gate.check(token);
    if (!who) throw forbidden();
    return who;
  };
  const hubName = async () => (await db.hubs.findOne(deps.identity.hubId).exec())?.name ?? '';
  const sheet = async (card: Card, token: string) => cardSheetHtml(card, token, await hubName());

  return {
    mode: async () => 'kiosk',
    enrol: async () => ({ ok: false, message: 'il totem è già registrato' }),
    state: deps.state,
    stateChanges: (signal) => fromObservable(deps.state$, signal),
    scan: (input) =>
      deps.checkins
        .scan(input.text, input.source, input.sessionId, input.intent, input.language)
        .catch(asUserError),
    played: ({ contentId, seconds }) => deps.plays.played(contentId, seconds),
    guest: (input) => deps.checkins.guest(input.ageBand, input.firstVisit, input.sessionId, input.language),
    loginPin: async ({ pin }) => {
      const result = await gate.withPin(pin);
      return result.ok
        ? { ok: true, token: result.token, name: result.facilitator.name, expiresAt: result.expiresAt }
        : { ok: false, reason: result.reason, ...(result.retryAt ? { retryAt: result.retryAt } : {}) };
    },
    loginCard: async ({ text }) => {
      const result = await gate.withCard(text);
      if (!result) return { ok: false, reason: 'not_facilitator' };
      return result.ok
        ? { ok: true, token: result.token, name: result.facilitator.name, expiresAt: result.expiresAt }
        : { ok: false, reason: result.reason };
    },
    logout: async ({ token }) => gate.close(token),
    sessionsToday: async ({ token }) => {
      facilitator(token);
      return deps.sessions.today(await deps.timeZone());
    },
    createSession: async ({ token, ...input }) =>
      deps.sessions.create(input, facilitator(token)).catch(asUserError),
    setStatus: async ({ token, sessionId, status, notes }) => {
      facilitator(token);
      return deps.sessions.setStatus(sessionId, status, notes).catch(asUserError);
    },
    roster: async ({ token, sessionId }) => {
      facilitator(token);
      return deps.sessions.roster(sessionId).catch(asUserError);
    },
    rosterChanges: ({ token, sessionId }, signal) => {
      facilitator(token);
      // The roster shows marks, check-ins and annulments: any of them changing redraws it.
      const roster$ = merge(
        from([0]),
        db.enrolments.find({ selector: { sessionId } }).$.pipe(map(() => 0)),
        db.checkins.find({ selector: { hubId: deps.identity.hubId, sessionId } }).$.pipe(map(() => 0)),
        db.annulments.find({ selector: { hubId: deps.identity.hubId } }).$.pipe(map(() => 0)),
      ).pipe(
        debounceTime(50),
        switchMap(() => from(deps.sessions.roster(sessionId))),
      );
      return fromObservable<KioskRosterEntry[]>(roster$, signal);
    },
    mark: async ({ token, sessionId, cardId, alias, attendance, excuseReason }) =>
      deps.sessions
        .mark(sessionId, { cardId, alias }, attendance, facilitator(token), excuseReason)
        .catch(asUserError),
    markMany: async ({ token, sessionId, people, attendance, excuseReason }) =>
      deps.sessions
        .markMany(sessionId, people, attendance, facilitator(token), excuseReason)
        .catch(asUserError),
    annulCheckin: async ({ token, checkinId, reason }) =>
      deps.sessions.annul(checkinId, reason, facilitator(token), await deps.timeZone()).catch(asUserError),
    issueCard: async ({ token, alias, language }) => {
      facilitator(token);
      const issued = await deps.cards.issue({ alias, language }).catch(asUserError);
      return { ...issued, sheetHtml: await sheet(issued.card, issued.token) };
    },
    reissueCard: async ({ token, cardId }) => {
      facilitator(token);
      const issued = await deps.cards.reissue(cardId).catch(asUserError);
      return { ...issued, sheetHtml: await sheet(issued.card, issued.token) };
    },
    findCards: async ({ token, query }) => {
      facilitator(token);
      const prefix = query.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const docs = await db.cards
        .find({
          selector: {
            hubId: deps.identity.hubId,
            revoked: false,
            alias: { $regex: `^${prefix}`, $options: 'i' },
          },
          limit: 20,
        })
        .exec();
      return docs.map((d) => d.toJSON() as Card);
    },
  };
}
