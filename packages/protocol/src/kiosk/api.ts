import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Card } from '../collections/cards';
import { AGE_BANDS } from '../collections/checkins';
import { TARGET_GROUPS } from '../collections/common';
import type { Enrolment } from '../collections/enrolments';
import type { Session } from '../collections/sessions';
import { SESSION_KINDS } from '../collections/sessions';
import { LANGUAGES } from '../languages';
import type { CheckinAnswer } from './checkin';
import type { KioskState } from './state';

/**
 * The one contract between the kiosk UI and its hub service, imported by both ends: the inputs (validated by the
 * hub service with these schemas), what each call answers, and the live subscriptions. The hub service supplies
 * the handlers; the UI gets the types from `KioskRouter`. Calls travel over a WebSocket on 127.0.0.1 opened with a
 * per-launch secret (see the hub service's api/ folder).
 */

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an id');
/** Facilitator calls carry the token that the PIN or the facilitator card gave. */
const facilitatorToken = z.string().min(20).max(64);

export const kioskInputs = {
  scan: z.object({
    text: z.string().min(1).max(2000),
    source: z.enum(['camera', 'scanner', 'manual']),
    sessionId: ulid.optional(),
  }),
  guest: z.object({ ageBand: z.enum(AGE_BANDS), firstVisit: z.boolean(), sessionId: ulid.optional() }),
  loginPin: z.object({ pin: z.string().regex(/^[0-9]{6,10}$/, 'the PIN is 6 to 10 digits') }),
  loginCard: z.object({ text: z.string().min(1).max(2000) }),
  token: z.object({ token: facilitatorToken }),
  createSession: z.object({
    token: facilitatorToken,
    kind: z.enum(SESSION_KINDS),
    activity: z.string().trim().min(1).max(120),
    title: z.string().trim().min(1).max(160),
    targetGroup: z.enum(TARGET_GROUPS),
    startsAt: z.number().int().nonnegative(),
    endsAt: z.number().int().nonnegative(),
    capacity: z.number().int().min(0).max(10_000),
  }),
  setStatus: z.object({
    token: facilitatorToken,
    sessionId: ulid,
    status: z.enum(['open', 'closed', 'cancelled']),
    notes: z.string().max(4000).optional(),
  }),
  session: z.object({ token: facilitatorToken, sessionId: ulid }),
  mark: z.object({
    token: facilitatorToken,
    sessionId: ulid,
    cardId: ulid,
    alias: z.string().min(1).max(24),
    attendance: z.enum(['present', 'absent']),
  }),
  issueCard: z.object({
    token: facilitatorToken,
    alias: z.string().trim().min(1).max(24),
    language: z.enum(LANGUAGES),
  }),
  reissueCard: z.object({ token: facilitatorToken, cardId: ulid }),
  findCards: z.object({ token: facilitatorToken, query: z.string().max(24) }),
  played: z.object({ contentId: ulid, seconds: z.number().int().min(0).max(600) }),
  enrol: z.object({
    serverUrl: z.string().url().max(200),
    code: z.string().trim().min(6).max(64),
    name: z.string().trim().min(1).max(80),
  }),
} as const;

type In<K extends keyof typeof kioskInputs> = z.infer<(typeof kioskInputs)[K]>;

export type FacilitatorLogin =
  | { ok: true; token: string; name: string; expiresAt: number }
  | { ok: false; reason: 'wrong' | 'locked' | 'no_pin' | 'not_facilitator'; retryAt?: number };

export interface IssuedCardView {
  card: Card;
  token: string;
  /** a printable A4 sheet with this card, ready for the kiosk's printer */
  sheetHtml: string;
}

/** What the hub service implements. Facilitator handlers throw `forbidden()` for a missing or expired token. */
export type KioskMode = 'kiosk' | 'enrolment';

export type EnrolOutcome = { ok: true; hubName: string } | { ok: false; message: string };

export interface KioskHandlers {
  /** 'enrolment' until this kiosk has an identity: the UI then shows the enrolment screen */
  mode(): Promise<KioskMode>;
  /** exchanges a one-time enrolment code for this kiosk's identity (enrolment mode only) */
  enrol(input: In<'enrol'>): Promise<EnrolOutcome>;
  state(): Promise<KioskState>;
  stateChanges(signal: AbortSignal | undefined): AsyncIterable<KioskState>;
  scan(input: In<'scan'>): Promise<CheckinAnswer>;
  /** proof of play: the attract loop showed this item for this long */
  played(input: In<'played'>): Promise<void>;
  guest(input: In<'guest'>): Promise<CheckinAnswer>;
  loginPin(input: In<'loginPin'>): Promise<FacilitatorLogin>;
  loginCard(input: In<'loginCard'>): Promise<FacilitatorLogin>;
  logout(input: In<'token'>): Promise<void>;
  sessionsToday(input: In<'token'>): Promise<Session[]>;
  createSession(input: In<'createSession'>): Promise<Session>;
  setStatus(input: In<'setStatus'>): Promise<Session>;
  roster(input: In<'session'>): Promise<Enrolment[]>;
  rosterChanges(input: In<'session'>, signal: AbortSignal | undefined): AsyncIterable<Enrolment[]>;
  mark(input: In<'mark'>): Promise<Enrolment>;
  issueCard(input: In<'issueCard'>): Promise<IssuedCardView>;
  reissueCard(input: In<'reissueCard'>): Promise<IssuedCardView>;
  findCards(input: In<'findCards'>): Promise<Card[]>;
}

/** The error facilitator calls answer when the token is missing, wrong or expired: the UI returns to the PIN. */
export function forbidden(): TRPCError {
  return new TRPCError({ code: 'FORBIDDEN', message: 'modalità facilitatore scaduta: accedi di nuovo' });
}

export interface KioskApiContext {
  /** set by the hub service when the connection presented the per-launch secret */
  authorized: boolean;
}

export function createKioskRouter(handlers: KioskHandlers) {
  const t = initTRPC.context<KioskApiContext>().create();
  const call = t.procedure.use(({ ctx, next }) => {
    if (!ctx.authorized) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'kiosk API secret required' });
    return next();
  });
  return t.router({
    mode: call.query(() => handlers.mode()),
    enrol: call.input(kioskInputs.enrol).mutation(({ input }) => handlers.enrol(input)),
    state: call.query(() => handlers.state()),
    stateChanges: call.subscription(({ signal }) => handlers.stateChanges(signal)),
    scan: call.input(kioskInputs.scan).mutation(({ input }) => handlers.scan(input)),
    played: call.input(kioskInputs.played).mutation(({ input }) => handlers.played(input)),
    guest: call.input(kioskInputs.guest).mutation(({ input }) => handlers.guest(input)),
    loginPin: call.input(kioskInputs.loginPin).mutation(({ input }) => handlers.loginPin(input)),
    loginCard: call.input(kioskInputs.loginCard).mutation(({ input }) => handlers.loginCard(input)),
    logout: call.input(kioskInputs.token).mutation(({ input }) => handlers.logout(input)),
    sessionsToday: call.input(kioskInputs.token).query(({ input }) => handlers.sessionsToday(input)),
    createSession: call
      .input(kioskInputs.createSession)
      .mutation(({ input }) => handlers.createSession(input)),
    setStatus: call.input(kioskInputs.setStatus).mutation(({ input }) => handlers.setStatus(input)),
    roster: call.input(kioskInputs.session).query(({ input }) => handlers.roster(input)),
    rosterChanges: call
      .input(kioskInputs.session)
      .subscription(({ input, signal }) => handlers.rosterChanges(input, signal)),
    mark: call.input(kioskInputs.mark).mutation(({ input }) => handlers.mark(input)),
    issueCard: call.input(kioskInputs.issueCard).mutation(({ input }) => handlers.issueCard(input)),
    reissueCard: call.input(kioskInputs.reissueCard).mutation(({ input }) => handlers.reissueCard(input)),
    findCards: call.input(kioskInputs.findCards).query(({ input }) => handlers.findCards(input)),
  });
}

export type KioskRouter = ReturnType<typeof createKioskRouter>;

/** Where the UI opens the API, and the meta tag in the served page that carries the per-launch secret. */
export const KIOSK_API_PATH = '/api/ws';
export const KIOSK_SECRET_META = 'kiosk-api-secret';
