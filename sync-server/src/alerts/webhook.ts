import type { AlertWebhookEvent } from '@vigevano/protocol';

export interface WebhookOptions {
  /** attempts per event before it is given up (logged as an error) */
  maxAttempts?: number;
  /** the wait after the first failure; doubled after each next one, up to maxDelayMs */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** one attempt's limit: a receiver that hangs must not hold the queue forever */
  timeoutMs?: number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/**
 * Sends alert events to ALERT_WEBHOOK_URL as JSON POSTs, one after the other (a `closed` never overtakes its
 * `opened`), in the background: `send` only queues, so no request ever waits for the receiver. A failed attempt
 * (network error, timeout, a status other than 2xx) is retried with exponential backoff; an event is sent until one
 * attempt succeeds and never after, so a receiver sees each state change once unless it answered an error to a
 * delivery it nevertheless kept. `close()` stops at once, dropping what is still queued.
 */
export class WebhookSender {
  private readonly queue: AlertWebhookEvent[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;
  private readonly abort = new AbortController();
  private wake: (() => void) | undefined;
  private readonly options: Required<Omit<WebhookOptions, 'log'>> & Pick<WebhookOptions, 'log'>;

  constructor(
    private readonly url: string,
    options: WebhookOptions,
  ) {
    this.options = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 300_000, timeoutMs: 10_000, ...options };
  }

  /** Queues an event; returns at once. */
  send(event: AlertWebhookEvent): void {
    if (this.closed) return;
    this.queue.push(event);
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Resolves once everything queued so far was delivered or given up (tests, shutdown with a grace period). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops sending: an attempt under way is aborted, a backoff wait ends, the queue is dropped. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.abort.abort();
    this.wake?.();
  }

  private async drain(): Promise<void> {
    for (let event = this.queue.shift(); event && !this.closed; event = this.queue.shift())
      await this.deliver(event);
  }

  private async deliver(event: AlertWebhookEvent): Promise<void> {
    const { maxAttempts, baseDelayMs, maxDelayMs, timeoutMs, log } = this.options;
    for (let attempt = 1; !this.closed; attempt++) {
      let failure: string;
      try {
        const res = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'vigevano-sync-server' },
          body: JSON.stringify(event),
          signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]),
        });
        // the body is not needed, but an unread one holds the connection
        await res.body?.cancel();
        if (res.ok) return;
        failure = `status ${res.status}`;
      } catch (error) {
        if (this.closed) return;
        failure = (error as Error).message;
      }
      const context = { alert: event.alert.id, event: event.event, attempt, failure };
      if (attempt >= maxAttempts) {
        log.error(context, 'alert webhook given up');
        return;
      }
      log.warn(context, 'alert webhook failed; retrying');
      await this.pause(Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
