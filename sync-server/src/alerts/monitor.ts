import type { Alert, AlertWebhookEvent } from '@vigevano/protocol';
import { sql } from 'kysely';
import type { Store } from '../store/database';

/**
 * A PostgreSQL advisory lock key for the alerts' shared state (see reports/feed.ts CATCH_UP_LOCK_KEY for the
 * other one): instances compare their evaluation with the stored state one at a time.
 */
const ALERT_STATE_LOCK_KEY = 7_305_019;

/** Where opened and closed alerts go (alerts/webhook.ts WebhookSender). */
export interface AlertEventSink {
  send(event: AlertWebhookEvent): void;
  close(): void;
}

/**
 * The city's alerts over time: each evaluation (an instance's timer, or a dashboard request) is compared with the
 * alerts open before, which every instance shares in the store (`alert_state`, migration 0022), and every alert
 * that opened or closed is sent to the webhook once, by the instance whose evaluation saw the change. So a restart
 * does not send "opened" again for an alert that stayed open, and two instances behind a load balancer do not both
 * send it (issue 19). Comparing and writing happen in one transaction, under an advisory lock on PostgreSQL (on
 * SQLite there is one instance and one writer). Events go out after the commit: a crash between the two loses
 * them (at most once), which a receiver notices at the next change; resending on every restart was the worse fault.
 * Within one instance, evaluations take turns.
 */
export class AlertMonitor {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    /** evaluates the alerts now, given the `since` of those already open (alerts/evaluate.ts) */
    private readonly evaluate: (openSince: ReadonlyMap<string, number>) => Promise<Alert[]>,
    private readonly webhook: AlertEventSink | undefined,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Evaluates now, records (and sends) what opened and closed, and returns the alerts open. */
  current(): Promise<Alert[]> {
    const next = this.chain.then(() => this.evaluateAndRecord());
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async evaluateAndRecord(): Promise<Alert[]> {
    const { db } = this.store;
    // Evaluated outside the transaction: the evaluation reads through the store's own connection, which SQLite's
    // single connection would hand out only after the transaction ends.
    const before = await db.selectFrom('alert_state').select(['id', 'since']).execute();
    const evaluated = await this.evaluate(new Map(before.map((r) => [r.id, Number(r.since)])));
    const at = this.now();
    const { alerts, events } = await db.transaction().execute(async (trx) => {
      if (this.store.kind === 'postgres')
        await sql`select pg_advisory_xact_lock(${ALERT_STATE_LOCK_KEY})`.execute(trx);
      const stored = await trx.selectFrom('alert_state').select(['id', 'since', 'body']).execute();
      const open = new Map(stored.map((r) => [r.id, r]));
      // Another instance may have opened one of these since `before` was read: its `since` stands.
      const alerts = evaluated.map((a) => {
        const row = open.get(a.id);
        return row ? { ...a, since: Number(row.since) } : a;
      });
      const still = new Map(alerts.map((a) => [a.id, a]));
      const events: AlertWebhookEvent[] = [];
      const closed = stored.filter((r) => !still.has(r.id));
      for (const row of closed) events.push({ event: 'closed', alert: JSON.parse(row.body) as Alert, at });
      if (closed.length > 0)
        await trx
          .deleteFrom('alert_state')
          .where(
            'id',
            'in',
            closed.map((r) => r.id),
          )
          .execute();
      for (const alert of alerts) {
        if (open.has(alert.id)) {
          await trx
            .updateTable('alert_state')
            .set({ body: JSON.stringify(alert) })
            .where('id', '=', alert.id)
            .execute();
          continue;
        }
        events.push({ event: 'opened', alert, at });
        await trx
          .insertInto('alert_state')
          .values({ id: alert.id, since: alert.since, body: JSON.stringify(alert), opened_at: at })
          .execute();
      }
      return { alerts, events };
    });
    for (const event of events) this.webhook?.send(event);
    return alerts;
  }

  /** Evaluates every `everyMs` (and once at once); the timer does not keep the process alive. */
  start(everyMs: number): void {
    if (this.timer) return;
    const tick = () => void this.current().catch(this.onError);
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
    tick();
  }

  /** Stops the timer and the webhook; waits for an evaluation under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.webhook?.close();
    await this.chain;
  }
}
