import type { Alert } from '@vigevano/protocol';
import type { WebhookSender } from './webhook';

/**
 * One app instance's alerts over time: each evaluation (its timer, or a dashboard request) is compared with the
 * alerts open before, and every alert that opened or closed is sent to the webhook once. Evaluations take turns,
 * so two at once cannot both see the same change. Several server instances each keep their own state: each sends
 * what it sees change (see sync-server/README.md, "Alerts").
 */
export class AlertMonitor {
  private open = new Map<string, Alert>();
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    /** evaluates the alerts now, given the `since` of those already open (alerts/evaluate.ts) */
    private readonly evaluate: (openSince: ReadonlyMap<string, number>) => Promise<Alert[]>,
    private readonly webhook: WebhookSender | undefined,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Evaluates now, notes (and sends) what opened and closed, and returns the alerts open. */
  current(): Promise<Alert[]> {
    const next = this.chain.then(async () => {
      const openSince = new Map([...this.open].map(([id, a]) => [id, a.since]));
      const alerts = await this.evaluate(openSince);
      const at = this.now();
      const still = new Map(alerts.map((a) => [a.id, a]));
      for (const [id, alert] of this.open)
        if (!still.has(id)) this.webhook?.send({ event: 'closed', alert, at });
      for (const [id, alert] of still)
        if (!this.open.has(id)) this.webhook?.send({ event: 'opened', alert, at });
      this.open = still;
      return alerts;
    });
    this.chain = next.catch(() => undefined);
    return next;
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
