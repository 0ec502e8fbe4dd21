import { type Kysely, SqliteAdapter, sql, type Transaction } from 'kysely';
import type { DocumentsChanged } from '../store/change-events';
import type { Store } from '../store/database';
import type { WrittenDocument } from '../store/projections';
import type { Database } from '../store/schema';
import { refreshPlannerStatistics, StatisticsSchedule } from './planner-statistics';
import { projectAnnulments } from './project-annulments';
import { projectCards } from './project-cards';
import { projectCheckins } from './project-checkins';
import { projectEnrolments } from './project-enrolments';
import { projectPlays } from './project-plays';
import { projectRefusals } from './project-refusals';
import { projectSessions } from './project-sessions';

/**
 * The report tables follow the change feed, like a kiosk does: each projected collection has a cursor (the last
 * change order in the reports, table report_cursors), and a catch-up projects the documents changed after it, page
 * by page, each page with its cursor move in one transaction.
 *
 * Why not inside each push: the projectors' work per visitor (their visit rows and every aggregate they feed) cost
 * two thirds of a push, under the collection's change-counter lock that serializes all pushes. Out of the push,
 * one catch-up shares that work among every check-in of a page, and kiosks are answered as soon as their documents
 * are stored. Readers lose nothing: the dashboard's API catches up before it answers (`upToDate`), so a
 * coordinator always sees every change committed before the request.
 *
 * Change orders grow in commit order (sync/change-order.ts), so a cursor never passes a change that commits
 * later; documents changed twice before a catch-up are projected once, in their last state, which the projectors
 * handle (they are written for late, repeated and out-of-order pushes).
 */
type Projector = (tx: Transaction<Database>, docs: WrittenDocument[]) => Promise<void>;

/**
 * Cards and sessions first: check-ins of the same catch-up then find their visitor and activity at once.
 * Annulments after check-ins: an annulment takes out a check-in already projected.
 */
const PROJECTED: ReadonlyArray<readonly [string, Projector]> = [
  ['cards', projectCards],
  ['sessions', projectSessions],
  ['enrolments', projectEnrolments],
  ['checkins', projectCheckins],
  ['annulments', projectAnnulments],
  ['refusals', projectRefusals],
  ['plays', projectPlays],
];
const PROJECTED_NAMES = new Set(PROJECTED.map(([name]) => name));
/** The collections the report tables follow, in projection order (for the lag the metrics and /ready report). */
export const PROJECTED_COLLECTIONS: readonly string[] = PROJECTED.map(([name]) => name);

/**
 * Documents per transaction: many check-ins share each visitor's work, and one transaction stays short (under
 * a second here). On SQLite every other request waits for the page in progress (one connection, and
 * better-sqlite3 runs a statement on the event loop's thread), so its pages are twenty times smaller: a kiosk's
 * pull or push during a catch-up then waits for a page of about 50 ms, not for the whole catch-up; the catch-up's
 * rate stays the same (`npm run bench:sync`: pages of 250 gave case c 0.9–1.6 s, of 500 2.2–3.8 s, of 5 000 the
 * whole catch-up).
 */
const PAGE = { postgres: 5_000, sqlite: 250 } as const;

const pageOf = (db: Kysely<Database>) =>
  db.getExecutor().adapter instanceof SqliteAdapter ? PAGE.sqlite : PAGE.postgres;

/** Locks the collection's cursor until commit (two catch-ups take turns) and returns it. */
async function lockCursor(tx: Transaction<Database>, collection: string): Promise<number> {
  const touch = () =>
    tx
      .updateTable('report_cursors')
      .set({ last_order: sql`last_order` })
      .where('collection', '=', collection)
      .returning('last_order')
      .executeTakeFirst();
  let cursor = await touch();
  if (!cursor) {
    await tx
      .insertInto('report_cursors')
      .values({ collection, last_order: 0 })
      .onConflict((oc) => oc.column('collection').doNothing())
      .execute();
    cursor = await touch();
  }
  return Number(cursor?.last_order ?? 0);
}

async function catchUpPage(
  db: Kysely<Database>,
  collection: string,
  projector: Projector,
  page: number,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const after = await lockCursor(tx, collection);
    const rows = await tx
      .selectFrom('documents')
      .select(['id', 'hub_id', 'body', 'deleted', 'change_order'])
      .where('collection', '=', collection)
      .where('change_order', '>', after)
      .orderBy('change_order')
      .limit(page)
      .execute();
    const last = rows[rows.length - 1];
    if (!last) return 0;
    await projector(
      tx,
      rows.map((r) => ({
        id: r.id,
        hubId: r.hub_id,
        body: JSON.parse(r.body) as Record<string, unknown>,
        deleted: Number(r.deleted) === 1,
      })),
    );
    await tx
      .updateTable('report_cursors')
      .set({ last_order: Number(last.change_order) })
      .where('collection', '=', collection)
      .execute();
    return rows.length;
  });
}

/**
 * The projected collections with changes after their cursor: a read, so that a catch-up with nothing to do (most
 * dashboard requests) writes nothing. A counter is only ever raised by a transaction that writes such changes.
 */
async function behind(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db
    .selectFrom('change_counters as c')
    .leftJoin('report_cursors as r', 'r.collection', 'c.collection')
    .select('c.collection')
    .where('c.collection', 'in', [...PROJECTED_NAMES])
    .where((eb) => eb.or([eb('r.last_order', 'is', null), eb('c.last_order', '>', eb.ref('r.last_order'))]))
    .execute();
  return new Set(rows.map((r) => r.collection));
}

/**
 * Projects the changes committed so far into the report tables, page by page, until done or, between two pages,
 * `shouldYield()` says to stop (then `finished` is false and the cursors keep what was done). `schedule` counts
 * the documents taken, to refresh the planner's statistics as the tables grow.
 */
async function catchUp(
  db: Kysely<Database>,
  shouldYield: () => boolean,
  pauseMs: number,
  schedule: StatisticsSchedule,
): Promise<{ read: number; finished: boolean }> {
  const pending = await behind(db);
  const size = pageOf(db);
  let read = 0;
  for (const [collection, projector] of PROJECTED) {
    if (!pending.has(collection)) continue;
    for (;;) {
      // On SQLite a page never waits for I/O: pushes that arrived meanwhile are only read during this pause.
      await new Promise((resolve) => (pauseMs > 0 ? setTimeout(resolve, pauseMs) : setImmediate(resolve)));
      if (shouldYield()) return { read, finished: false };
      const page = await catchUpPage(db, collection, projector, size);
      read += page;
      if (schedule.took(page)) await refreshPlannerStatistics(db);
      if (page < size) break;
    }
  }
  return { read, finished: true };
}

/**
 * Projects every change committed so far into the report tables; returns how many documents it read. Takes no
 * lock between server instances: several instances use a ReportFeed each, which does.
 */
export async function catchUpReports(
  db: Kysely<Database>,
  schedule = new StatisticsSchedule(),
): Promise<number> {
  return (await catchUp(db, () => false, 0, schedule)).read;
}

/**
 * The PostgreSQL advisory lock (a number chosen for this use, per database) that one instance holds while it
 * catches up, so several instances on one database do not all project the same pages one after the other (each
 * page's cursor row lock keeps them correct; this keeps them from repeating each other's waits). PostgreSQL
 * manual, "Advisory Locks".
 */
export const CATCH_UP_LOCK_KEY = 0x76_69_67_65;

/** How long a reader's catch-up waits for another instance's to finish before giving up (an error, logged). */
const LOCK_WAIT_MS = 30_000;
const LOCK_POLL_MS = 50;

/**
 * Runs `work` while holding the catch-up lock on one connection (SQLite: one instance, no lock). `wait`: a reader
 * needs its own catch-up after the other instance's, so it waits for the lock (polling, up to LOCK_WAIT_MS: a
 * stuck instance must not hold readers forever); the background catch-up does not, and gets undefined.
 */
async function holdingCatchUpLock<T>(
  store: Store,
  wait: boolean,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T | undefined> {
  if (store.kind !== 'postgres') return work(store.db);
  return store.db.connection().execute(async (db) => {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_lock(${CATCH_UP_LOCK_KEY}) as locked`.execute(db);
      if (rows[0]?.locked) break;
      if (!wait) return undefined;
      if (Date.now() > deadline)
        throw new Error(
          `another server instance has been catching up the reports for ${LOCK_WAIT_MS / 1000} s`,
        );
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    try {
      return await work(db);
    } finally {
      // A session lock outlives transactions: released here, or by PostgreSQL if this connection dies.
      await sql`select pg_advisory_unlock(${CATCH_UP_LOCK_KEY})`.execute(db);
    }
  });
}

/** A background catch-up's pause between pages: long enough for a push that arrived to reach the store. */
const BACKGROUND_PAUSE_MS = 50;

export interface FeedTiming {
  /** a background catch-up starts, and goes on page after page, only once pushes have paused this long */
  quietMs: number;
  /** ... or once the oldest change not in the reports is this old, whatever the pushes do */
  maxLagMs: number;
}

export interface ReportFeedOptions {
  onError: (error: unknown) => void;
  /** this instance's pushes being applied now (sync/push-activity.ts): the background catch-up gives way to them */
  pushesInFlight?: () => number;
  timing?: FeedTiming;
}

/**
 * One store's report feed. Catch-ups run one at a time: in this instance by a chain, across instances on
 * PostgreSQL by an advisory lock (CATCH_UP_LOCK_KEY). `upToDate()` resolves once every change committed before
 * the call is in the reports: the dashboard's API calls it before it answers, so a reader never sees stale
 * figures. `follow()` catches up in the background, so readers usually find the work done; it gives way to
 * pushes (kiosks back online after an outage push in bursts, and on SQLite they share one connection with it):
 * it starts when pushes pause, stops between pages when they resume, and stops giving way when the oldest change
 * not in the reports is `maxLagMs` old, which bounds what a reader could have to wait for.
 */
export class ReportFeed {
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastChangeAt = 0;
  private oldestPendingAt: number | undefined;
  private readonly statistics = new StatisticsSchedule();
  private readonly onError: (error: unknown) => void;
  private readonly pushesInFlight: () => number;
  private readonly timing: FeedTiming;

  constructor(
    private readonly store: Store,
    options: ReportFeedOptions,
  ) {
    this.onError = options.onError;
    this.pushesInFlight = options.pushesInFlight ?? (() => 0);
    this.timing = options.timing ?? { quietMs: 250, maxLagMs: 10_000 };
  }

  upToDate(): Promise<number> {
    // A catch-up queued but not started yet will read everything committed before this call as well.
    if (this.queued) return this.queued;
    const next = this.chain.then(() => {
      this.queued = undefined;
      return holdingCatchUpLock(this.store, true, (db) => catchUpReports(db, this.statistics)).then(
        (read) => read ?? 0,
      );
    });
    this.queued = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Follows the committed changes of projected collections in the background; returns the way to stop. */
  follow(): () => void {
    const listener = (change: DocumentsChanged) => {
      // null: any collection may have changed (another instance's announcements may have been lost)
      if (change.collection !== null && !PROJECTED_NAMES.has(change.collection)) return;
      const now = Date.now();
      this.lastChangeAt = now;
      this.oldestPendingAt ??= now;
      this.schedule();
    };
    this.store.changes.on('changed', listener);
    return () => {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.store.changes.off('changed', listener);
    };
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runInBackground();
    }, this.timing.quietMs);
  }

  private givingWay(): boolean {
    const now = Date.now();
    const pushing = this.pushesInFlight() > 0 || now - this.lastChangeAt < this.timing.quietMs;
    return pushing && now - (this.oldestPendingAt ?? now) < this.timing.maxLagMs;
  }

  private runInBackground(): void {
    if (this.givingWay()) {
      this.schedule();
      return;
    }
    const startedAt = Date.now();
    // Another instance catching up (lock taken) counts as not finished: this one tries again later.
    const run = this.chain.then(
      async () =>
        (await holdingCatchUpLock(this.store, false, (db) =>
          catchUp(db, () => this.givingWay(), BACKGROUND_PAUSE_MS, this.statistics),
        )) ?? { read: 0, finished: false },
    );
    this.chain = run.catch(() => undefined);
    run.then(({ finished }) => {
      if (!finished) this.schedule();
      // changes committed during the run wait for the next one, scheduled by their announcement
      else this.oldestPendingAt = this.lastChangeAt >= startedAt ? startedAt : undefined;
    }, this.onError);
  }

  /**
   * When the oldest change announced to this feed and not yet in the reports was committed (ms since the epoch),
   * or undefined when none is waiting: what the report lag metric and /ready measure the lag in seconds from.
   */
  pendingSince(): number | undefined {
    return this.oldestPendingAt;
  }

  /** Waits for the catch-up under way, if any (shutdown). */
  async settled(): Promise<void> {
    await this.chain;
  }
}
