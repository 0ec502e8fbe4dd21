import {
  addLocalDays,
  type Enrolment,
  enrolmentId,
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
import type { Facilitator } from './facilitator-gate';

export class SessionRuleError extends Error {
  override name = 'SessionRuleError';
}

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
 * it), keep the roster (present/absent by hand, walk-ins), and close it with notes. Several kiosks of a hub may do
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

  async roster(sessionId: string): Promise<Enrolment[]> {
    await this.find(sessionId);
    const docs = await this.db.enrolments.find({ selector: { sessionId } }).exec();
    return docs.map((d) => d.toJSON() as Enrolment).sort((a, b) => a.alias.localeCompare(b.alias, 'it'));
  }

  /**
   * Marks someone on the roster present or absent by hand; a card not on the roster is added as a walk-in. The
   * check-in decision (checkin/decision.ts) rules: a closed or cancelled session (read-only), or a full one for
   * someone without a seat, is refused with a SessionRuleError and nothing changes.
   */
  async mark(
    sessionId: string,
    card: { cardId: string; alias: string },
    attendance: 'present' | 'absent',
    by: Facilitator,
  ): Promise<Enrolment> {
    const session = await this.find(sessionId);
    const now = this.now();
    const hub = await this.db.hubs.findOne(this.identity.hubId).exec();
    const decision = decideCheckin({
      kind: 'manual',
      attendance,
      now,
      hub: { usesCheckout: hub?.usesCheckout ?? false, repeatWindowMs: repeatWindowOf(hub) },
      session: await sessionSeats(
        this.db,
        session.toJSON() as Session,
        hub?.timezone ?? FALLBACK_TIME_ZONE,
        card.cardId,
      ),
    });
    if (decision.code === 'session_closed')
      throw new SessionRuleError(
        session.status === 'closed'
          ? "l'attività è chiusa: il suo elenco non si modifica più"
          : "l'attività è annullata",
      );
    if (decision.code === 'session_full')
      throw new SessionRuleError(`l'attività è al completo (${session.capacity} posti)`);
    const id = enrolmentId(sessionId, card.cardId);
    const existing = await this.db.enrolments.findOne(id).exec();
    if (existing)
      return (
        await existing.incrementalPatch({ attendance, markedBy: by.name, updatedAt: now })
      ).toJSON() as Enrolment;
    const enrolment: Enrolment = {
      id,
      sessionId,
      hubId: session.hubId,
      cardId: card.cardId,
      alias: card.alias,
      walkIn: true,
      attendance,
      markedBy: by.name,
      updatedAt: now,
    };
    await this.db.enrolments.insert(enrolment);
    return enrolment;
  }

  private async find(sessionId: string) {
    const doc = await this.db.sessions.findOne(sessionId).exec();
    if (!doc || doc.hubId !== this.identity.hubId)
      throw new SessionRuleError(`attività ${sessionId} non trovata`);
    return doc;
  }
}
