import { initTRPC, TRPCError } from '@trpc/server';
import { type Static, type TObject, type TProperties, Type } from 'typebox';
import type { Annulment } from '../collections/annulments';
import type { Card } from '../collections/cards';
import { AGE_BANDS } from '../collections/checkins';
import { TARGET_GROUPS } from '../collections/common';
import type { Enrolment } from '../collections/enrolments';
import type { Session } from '../collections/sessions';
import { SESSION_KINDS } from '../collections/sessions';
import { EpochMillis, LanguageCode, StringEnum, Ulid } from '../schema/fields';
import { inputParser, TrimmedString } from '../schema/input-parser';
import { PIN_PATTERN } from '../schema/patterns';
import type { CheckinAnswer } from './checkin';
import type { KioskRosterEntry } from './roster';
import type { KioskState } from './state';

/**
 * The one contract between the kiosk UI and its hub service, imported by both ends: the inputs (validated by the
 * hub service with these schemas), what each call answers, and the live subscriptions. The hub service supplies
 * the handlers; the UI gets the types from `KioskRouter`. Calls travel over a WebSocket on 127.0.0.1 opened with a
 * per-launch secret (see the hub service's api/ folder).
 */

/** An input of the kiosk API: one object, closed (a field the contract does not name is refused). */
function input<P extends TProperties>(properties: P): TObject<P> {
  return Type.Object(properties, { additionalProperties: false });
}

/** Facilitator calls carry the token that the PIN or the facilitator card gave. */
const facilitatorToken = () => Type.String({ minLength: 20, maxLength: 64 });
/** Why an excused participant was away, or why a check-in is annulled (the collections cap it at 200). */
const excuseReason = () => Type.String({ maxLength: 200 });
/** What a facilitator may set on a roster by hand ('unknown' is only where nobody has said yet). */
export const ROSTER_MARKS = ['present', 'absent', 'excused'] as const;
export type RosterMark = (typeof ROSTER_MARKS)[number];
/** What a scan or a typed card number carries: the QR text or the digits. */
const scannedText = () => Type.String({ minLength: 1, maxLength: 2000 });

export const kioskInputs = {
  scan: input({
    text: scannedText(),
    source: StringEnum(['camera', 'scanner', 'manual']),
    sessionId: Type.Optional(Ulid()),
    /** "I am leaving": check the card out (see ScanIntent) */
    intent: Type.Optional(StringEnum(['out'])),
    /** the language the visitor tapped for this visit: the answer is in it, not in the card's */
    language: Type.Optional(LanguageCode()),
  }),
  guest: input({
    ageBand: StringEnum(AGE_BANDS),
    firstVisit: Type.Boolean(),
    sessionId: Type.Optional(Ulid()),
    /** the language the visitor tapped for this visit (else the answer is Italian) */
    language: Type.Optional(LanguageCode()),
  }),
  loginPin: input({ pin: Type.String({ pattern: PIN_PATTERN }) }),
  loginCard: input({ text: scannedText() }),
  token: input({ token: facilitatorToken() }),
  createSession: input({
    token: facilitatorToken(),
    kind: StringEnum(SESSION_KINDS),
    activity: TrimmedString({ minLength: 1, maxLength: 120 }),
    title: TrimmedString({ minLength: 1, maxLength: 160 }),
    targetGroup: StringEnum(TARGET_GROUPS),
    startsAt: EpochMillis(),
    endsAt: EpochMillis(),
    capacity: Type.Integer({ minimum: 0, maximum: 10_000 }),
  }),
  setStatus: input({
    token: facilitatorToken(),
    sessionId: Ulid(),
    status: StringEnum(['open', 'closed', 'cancelled']),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  }),
  session: input({ token: facilitatorToken(), sessionId: Ulid() }),
  mark: input({
    token: facilitatorToken(),
    sessionId: Ulid(),
    cardId: Ulid(),
    alias: Type.String({ minLength: 1, maxLength: 24 }),
    attendance: StringEnum(ROSTER_MARKS),
    /** why an excused participant was away: required with 'excused' (the hub refuses it without one) */
    excuseReason: Type.Optional(excuseReason()),
  }),
  markMany: input({
    token: facilitatorToken(),
    sessionId: Ulid(),
    /** the rows, in the roster's order: a refusal names the row by its position (1 = the first) */
    people: Type.Array(
      Type.Object(
        { cardId: Ulid(), alias: Type.String({ minLength: 1, maxLength: 24 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
    attendance: StringEnum(ROSTER_MARKS),
    excuseReason: Type.Optional(excuseReason()),
  }),
  annulCheckin: input({
    token: facilitatorToken(),
    checkinId: Ulid(),
    reason: Type.String({ maxLength: 200 }),
  }),
  issueCard: input({
    token: facilitatorToken(),
    alias: TrimmedString({ minLength: 1, maxLength: 24 }),
    language: LanguageCode(),
  }),
  reissueCard: input({ token: facilitatorToken(), cardId: Ulid() }),
  findCards: input({ token: facilitatorToken(), query: Type.String({ maxLength: 24 }) }),
  played: input({ contentId: Ulid(), seconds: Type.Integer({ minimum: 0, maximum: 600 }) }),
  enrol: input({
    serverUrl: Type.String({ format: 'url', maxLength: 200 }),
    code: TrimmedString({ minLength: 6, maxLength: 64 }),
    name: TrimmedString({ minLength: 1, maxLength: 80 }),
  }),
} as const;

type In<K extends keyof typeof kioskInputs> = Static<(typeof kioskInputs)[K]>;

/**
 * The tRPC input parser of each kiosk input (a refusal is a BAD_REQUEST naming the field). Compiled when a router
 * is made, never on import: the UI imports this module for its types and has no use for validators.
 */
function inputParsers(): { [K in keyof typeof kioskInputs]: (input: unknown) => In<K> } {
  return Object.fromEntries(
    Object.entries(kioskInputs).map(([name, schema]) => [name, inputParser(schema)]),
  ) as { [K in keyof typeof kioskInputs]: (input: unknown) => In<K> };
}

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
  roster(input: In<'session'>): Promise<KioskRosterEntry[]>;
  rosterChanges(input: In<'session'>, signal: AbortSignal | undefined): AsyncIterable<KioskRosterEntry[]>;
  mark(input: In<'mark'>): Promise<Enrolment>;
  /** one mark for many rows in one write, all or nothing: a refused row refuses the batch, naming the row */
  markMany(input: In<'markMany'>): Promise<Enrolment[]>;
  /** annuls a check-in of today made by mistake at this hub, as the facilitator of the token */
  annulCheckin(input: In<'annulCheckin'>): Promise<Annulment>;
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
  const parse = inputParsers();
  const call = t.procedure.use(({ ctx, next }) => {
    if (!ctx.authorized) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'kiosk API secret required' });
    return next();
  });
  return t.router({
    mode: call.query(() => handlers.mode()),
    enrol: call.input(parse.enrol).mutation(({ input }) => handlers.enrol(input)),
    state: call.query(() => handlers.state()),
    stateChanges: call.subscription(({ signal }) => handlers.stateChanges(signal)),
    scan: call.input(parse.scan).mutation(({ input }) => handlers.scan(input)),
    played: call.input(parse.played).mutation(({ input }) => handlers.played(input)),
    guest: call.input(parse.guest).mutation(({ input }) => handlers.guest(input)),
    loginPin: call.input(parse.loginPin).mutation(({ input }) => handlers.loginPin(input)),
    loginCard: call.input(parse.loginCard).mutation(({ input }) => handlers.loginCard(input)),
    logout: call.input(parse.token).mutation(({ input }) => handlers.logout(input)),
    sessionsToday: call.input(parse.token).query(({ input }) => handlers.sessionsToday(input)),
    createSession: call.input(parse.createSession).mutation(({ input }) => handlers.createSession(input)),
    setStatus: call.input(parse.setStatus).mutation(({ input }) => handlers.setStatus(input)),
    roster: call.input(parse.session).query(({ input }) => handlers.roster(input)),
    rosterChanges: call
      .input(parse.session)
      .subscription(({ input, signal }) => handlers.rosterChanges(input, signal)),
    mark: call.input(parse.mark).mutation(({ input }) => handlers.mark(input)),
    markMany: call.input(parse.markMany).mutation(({ input }) => handlers.markMany(input)),
    annulCheckin: call.input(parse.annulCheckin).mutation(({ input }) => handlers.annulCheckin(input)),
    issueCard: call.input(parse.issueCard).mutation(({ input }) => handlers.issueCard(input)),
    reissueCard: call.input(parse.reissueCard).mutation(({ input }) => handlers.reissueCard(input)),
    findCards: call.input(parse.findCards).query(({ input }) => handlers.findCards(input)),
  });
}

export type KioskRouter = ReturnType<typeof createKioskRouter>;

/** Where the UI opens the API, and the meta tag in the served page that carries the per-launch secret. */
export const KIOSK_API_PATH = '/api/ws';
export const KIOSK_SECRET_META = 'kiosk-api-secret';
