import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** How a push ended: stored (`ok`), stored with conflicts answered, refused by the write authority, invalid, failed. */
export type PushOutcome = 'ok' | 'conflict' | 'refused' | 'invalid' | 'error';

/**
 * Why the write authority refused a write: a collection only the server writes, a row of another hub, a reference to
 * another hub's document, a create or an update the device may not make. Few values, so a fit Prometheus label.
 */
export type RefusalReason = 'server_collection' | 'foreign_hub' | 'foreign_reference' | 'create' | 'update';

/** How far the report tables are behind the documents (reports/feed.ts). */
export interface ReportLag {
  /** documents of projected collections changed after their report cursor */
  documents: number;
  /** age of the oldest change not yet in the reports, in seconds; 0 when none is missing */
  seconds: number;
}

/** Where the gauges read at scrape time; each part of the app registers its own. */
export interface MetricSources {
  openStreams?: () => number;
  reportLag?: () => Promise<ReportLag>;
  /** per hub, the last time any of its kiosks was heard from (ms since the epoch) */
  hubLastContact?: () => Promise<Array<{ hubId: string; lastSeenAt: number }>>;
}

/**
 * One app's Prometheus metrics, on a Registry of its own: two apps in one process (tests, or a blue/green swap)
 * would otherwise clash on prom-client's global registry. Names follow Prometheus conventions (`_total` counters,
 * base units: seconds, bytes); the Node process's default metrics are collected too. Hub ids are labels (a few
 * dozen, not personal data); device ids are not (a label per kiosk would grow without bound as kiosks are replaced).
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly sources: MetricSources = {};

  /** A counter on this app's registry. */
  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  readonly pushes = this.counter(
    'vigevano_sync_pushes_total',
    'Push requests of kiosks, by collection and outcome',
    ['collection', 'outcome'],
  );
  readonly pulls = this.counter('vigevano_sync_pulls_total', 'Pull requests of kiosks, by collection', [
    'collection',
  ]);
  readonly documentsPushed = this.counter(
    'vigevano_sync_documents_pushed_total',
    'Documents kiosks pushed that the server stored, by collection',
    ['collection'],
  );
  readonly documentsPulled = this.counter(
    'vigevano_sync_documents_pulled_total',
    'Documents sent to kiosks in pull answers, by collection',
    ['collection'],
  );
  readonly refusedWrites = this.counter(
    'vigevano_sync_refused_writes_total',
    'Pushed rows the write authority refused, by collection and reason',
    ['collection', 'reason'],
  );
  readonly httpErrors = this.counter(
    'vigevano_http_errors_total',
    'HTTP answers with an error status, by status class (4xx, 5xx)',
    ['status_class'],
  );
  readonly httpDuration = new Histogram({
    name: 'vigevano_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (event streams left out), by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const sources = this.sources;
    new Gauge({
      name: 'vigevano_sync_open_streams',
      help: 'Live sync streams open to kiosks',
      registers: [this.registry],
      collect() {
        this.set(sources.openStreams?.() ?? 0);
      },
    });
    // Both lag gauges come from one query per scrape: the first collected asks, the second reuses it.
    let lag: Promise<ReportLag> | undefined;
    const readLag = () => {
      lag ??= (sources.reportLag?.() ?? Promise.resolve({ documents: 0, seconds: 0 })).finally(() => {
        setImmediate(() => {
          lag = undefined;
        });
      });
      return lag;
    };
    const lagGauges: Array<[string, string, keyof ReportLag]> = [
      [
        'vigevano_report_lag_seconds',
        'Age of the oldest change not yet in the report tables (0 when they are current)',
        'seconds',
      ],
      [
        'vigevano_report_lag_documents',
        'Documents changed after the report tables last caught up',
        'documents',
      ],
    ];
    for (const [name, help, part] of lagGauges)
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          this.set((await readLag())[part]);
        },
      });
    new Gauge({
      name: 'vigevano_hub_last_contact_seconds',
      help: 'Unix time (seconds) any kiosk of the hub was last heard from',
      labelNames: ['hub'] as const,
      registers: [this.registry],
      async collect() {
        const rows = (await sources.hubLastContact?.()) ?? [];
        this.reset();
        for (const r of rows) this.set({ hub: r.hubId }, Math.floor(r.lastSeenAt / 1000));
      },
    });
  }

  /** Where a gauge reads its value at scrape time (called once by the part of the app that owns it). */
  source<K extends keyof MetricSources>(name: K, read: NonNullable<MetricSources[K]>): void {
    this.sources[name] = read;
  }

  /** A push ended; `written` documents were stored. */
  countPush(collection: string, outcome: PushOutcome, written = 0): void {
    this.pushes.inc({ collection, outcome });
    if (written > 0) this.documentsPushed.inc({ collection }, written);
  }

  /** A pull answered `documents` documents. */
  countPull(collection: string, documents: number): void {
    this.pulls.inc({ collection });
    if (documents > 0) this.documentsPulled.inc({ collection }, documents);
  }

  /** `rows` pushed rows refused by the write authority. */
  countRefused(collection: string, reason: RefusalReason, rows: number): void {
    this.refusedWrites.inc({ collection, reason }, rows);
  }

  /** The text a Prometheus scrape receives, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
