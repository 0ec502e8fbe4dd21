import {
  type Annulment,
  addLocalDays,
  type Checkin,
  type Enrolment,
  enrolmentId,
  type KioskRosterEntry,
  type RosterMark,
  SESSION_KINDS,
  type Session,
  type SessionKind,
  startOfLocalDay,
  type TargetGroup,
} from '@vigevano/protocol';
import { ulid } from 'ulid';
import { decideCheckin } from '../checkin/decision';
import { repeatWindowOf } from '../checkin/repeat-window';
import { FALLBACK_TIME_ZONE, sessionSeats } from '../checkin/session-seats';
import type { KioskDatabase } from '../database/open';
import type { KioskIdentity } from '../identity';
import { annulCheckin } from './annul-checkin';
import type { Facilitator } from './facilitator-gate';
import { excuseOf, writeMarks } from './roster-marks';
import { rosterView } from './roster-view';
import { SessionRuleError } from './session-rule-error';

export { SessionRuleError };

/** A status only moves forward; cancelled is final. The same rule merges concurrent edits (packages/protocol). */
const NEXT: Record<Session['status'], Session['status'][]> = {
  planned: ['open', 'cancelled'],
  open: ['closed', 'cancelled'],
  closed: [],
  cancelled: [],
};

export interface NewSession {
  kind: SessionKind;
  activity: string;
  title: string;
  targetGroup: TargetGroup;
  startsAt: number;
  endsAt: number;
  capacity: number;
}

/**
 * What facilitators do with sessions at the kiosk, offline: plan one, open it (the kiosk then checks people into
 * it), keep the roster (present/absent/excused by hand, one or many at once, walk-ins, a mistaken check-in
 * annulled), and close it with notes. Several kiosks of a hub may do
 * this at once: each edit is a small patch, and replication merges them by the collection's policy.
 */
export class SessionService {
  constructor(
    private readonly db: KioskDatabase,
    private readonly identity: KioskIdentity,
    private readonly now: () => number = Date.now,
  ) {}

  async today(timeZone: string): Promise<Session[]> {
    const now = this.now();
    const docs = await this.db.sessions
      .find({
        selector: {
          hubId: this.identity.hubId,
          startsAt: { $gte: startOfLocalDay(timeZone, now), $lt: addLocalDays(timeZone, now, 1) },
        },
        sort: [{ hubId: 'asc' }, { startsAt: 'asc' }],
      })
      .exec();
    return docs.map((d) => d.toJSON() as Session);
  }

  async create(input: NewSession, by: Facilitator): Promise<Session> {
    if (!SESSION_KINDS.includes(input.kind))
      throw new SessionRuleError(`tipo di attività sconosciuto: ${input.kind}`);
    if (!(input.endsAt > input.startsAt)) throw new SessionRuleError("l'attività deve finire dopo l'inizio");
    const now = this.now();
    const session: Session = {
      id: ulid(now),
      hubId: this.identity.hubId,
      kind: input.kind,
      activity: input.activity.trim(),
      title: input.title.trim(),
      targetGroup: input.targetGroup,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      capacity: input.capacity,
      facilitator: by.name,
      status: 'planned',
      notes: '',
      updatedAt: now,
    };
    await this.db.sessions.insert(session);
    return session;
  }

  async setStatus(sessionId: string, status: Session['status'], notes?: string): Promise<Session> {
    const doc = await this.find(sessionId);
    if (!NEXT[doc.status].includes(status))
      throw new SessionRuleError(`un'attività «${doc.status}» non può passare a «${status}»`);
    const patch: Partial<Session> = { status, updatedAt: this.now() };
    if (notes !== undefined) patch.notes = notes.trim().slice(0, 4000);
    return (await doc.incrementalPatch(patch)).toJSON() as Session;
  }

  /** The roster with each participant's check-ins and hours (roster-view.ts); a session of another hub is unknown. */
  async roster(sessionId: string): Promise<KioskRosterEntry[]> {
    const session = (await this.find(sessionId)).toJSON() as Session;
    const hub = await this.db.hubs.findOne(this.identity.hubId).exec();
    return rosterView(this.db, session, hub?.timezone ?? FALLBACK_TIME_ZONE, hub?.usesCheckout ?? false);
  }

  /**
   * Marks someone on the roster present, absent or excused by hand; a card not on the roster is added as a
   * walk-in. 'excused' needs a reason (1 to 200 characters, kept as `excuseReason`); another mark drops an earlier
   * reason. The check-in decision (checkin/decision.ts) rules: a closed or cancelled session (read-only), or a full
   * one for someone without a seat, is refused with a SessionRuleError (Italian) and nothing changes.
   */
  async mark(
    sessionId: string,
    card: { cardId: string; alias: string },
    attendance: RosterMark,
    by: Facilitator,
    excuseReason?: string,
  ): Promise<Enrolment> {
    const [written] = await this.markMany(sessionId, [card], attendance, by, excuseReason);
    return written as Enrolment;
  }

  /**
   * One mark for many rows of a roster (issue 18, item 4), all or nothing: every row is checked first (a card twice
   * in the batch, a seat missing in a full session: seats are counted row by row), and the first refused row
   * refuses the whole batch with a SessionRuleError naming it ("riga 3 (Omar): …"); then one storage write (one
   * SQLite transaction) stores every row. Same rules as {@link mark}, which is a batch of one.
   */
  async markMany(
    sessionId: string,
    people: readonly { cardId: string; alias: string }[],
    attendance: RosterMark,
    by: Facilitator,
    excuseReason?: string,
  ): Promise<Enrolment[]> {
    const sessionDoc = await this.find(sessionId);
    const session = sessionDoc.toJSON() as Session;
    const reason = excuseOf(attendance, excuseReason);
    const now = this.now();
    const hub = await this.db.hubs.findOne(this.identity.hubId).exec();
    const seats = await sessionSeats(this.db, session, hub?.timezone ?? FALLBACK_TIME_ZONE);
    const seated = new Set(seats.seated);
    const seen = new Set<string>();
    for (const [index, person] of people.entries()) {
      const row = people.length > 1 ? `riga ${index + 1} (${person.alias}): ` : '';
      if (seen.has(person.cardId))
        throw new SessionRuleError(`${row}compare due volte nella selezione; non è stato segnato nessuno`);
      seen.add(person.cardId);
      const decision = decideCheckin({
        kind: 'manual',
        attendance,
        now,
        hub: { usesCheckout: hub?.usesCheckout ?? false, repeatWindowMs: repeatWindowOf(hub) },
        session: { ...seats, present: seated.size, cardSeated: seated.has(person.cardId) },
      });
      if (decision.code === 'session_closed')
        throw new SessionRuleError(
          session.status === 'closed'
            ? "l'attività è chiusa: il suo elenco non si modifica più"
            : "l'attività è annullata",
        );
      if (decision.code === 'session_full')
        throw new SessionRuleError(
          `${row}l'attività è al completo (${session.capacity} posti)${row ? '; non è stato segnato nessuno' : ''}`,
        );
      if (attendance === 'present') seated.add(person.cardId);
      else seated.delete(person.cardId);
    }
    return writeMarks(this.db, session, people, {
      attendance,
      markedBy: by.name,
      updatedAt: now,
      ...(reason ? { excuseReason: reason } : {}),
    });
  }

  /**
   * Annuls a check-in made by mistake today at this hub (annul-checkin.ts), as `by`; when it was what made its
   * participant present at a session (no other check-in of theirs there still counts), the roster no longer says
   * present: the mark goes back to "not said" for the facilitator to set. Throws RangeError (Italian) for an
   * unknown check-in, one of another day or hub, or a reason not 1 to 200 characters; then nothing is stored.
   */
  async annul(checkinId: string, reason: string, by: Facilitator, timeZone: string): Promise<Annulment> {
    const annulment = await annulCheckin(
      this.db,
      this.identity,
      { checkinId, reason, facilitator: by.name },
      timeZone,
      this.now(),
    );
    const checkin = (await this.db.checkins.findOne(checkinId).exec())?.toJSON() as Checkin;
    if (!checkin.sessionId || !checkin.cardId || checkin.direction !== 'in') return annulment;
    const enrolment = await this.db.enrolments.findOne(enrolmentId(checkin.sessionId, checkin.cardId)).exec();
    if (enrolment?.attendance !== 'present') return annulment;
    const others = await this.db.checkins
      .find({ selector: { cardId: checkin.cardId, sessionId: checkin.sessionId, direction: 'in' } })
      .exec();
    const annulled = await this.db.annulments
      .find({ selector: { checkinId: { $in: others.map((o) => o.id) } } })
      .exec();
    if (others.length > annulled.length) return annulment;
    await enrolment.incrementalPatch({ attendance: 'unknown', markedBy: by.name, updatedAt: this.now() });
    return annulment;
  }

  private async find(sessionId: string) {
    const doc = await this.db.sessions.findOne(sessionId).exec();
    if (!doc || doc.hubId !== this.identity.hubId)
      throw new SessionRuleError(`attività ${sessionId} non trovata`);
    return doc;
  }
}
