import { statfs } from 'node:fs/promises';
import type { NotReadyCode, Readiness } from '@vigevano/protocol';
import { Migrator, sql } from 'kysely';
import type { ReadinessConfig } from '../config-observability';
import type { ReportFeed } from '../reports/feed';
import type { Store } from '../store/database';
import { migrationProvider } from '../store/migrations/index';
import type { ReportLag } from './metrics';
import { reportLag } from './report-lag';

/** What /ready measured; a part left undefined could not be measured (the store down: nothing after it). */
export interface ReadinessMeasures {
  /** the error of `select 1`, or null when the store answered */
  storeError: string | null;
  /** migrations the code has and the store has not run */
  pendingMigrations?: readonly string[];
  reportLag?: ReportLag;
  /** bytes free to this process on DATA_DIR's file system */
  freeBytes?: number;
}

/** The reasons not to take traffic, from the measures and the thresholds (README: "Health and readiness"). Pure. */
export function judgeReadiness(
  m: ReadinessMeasures,
  config: ReadinessConfig,
): Array<{ code: NotReadyCode; message: string }> {
  const reasons: Array<{ code: NotReadyCode; message: string }> = [];
  if (m.storeError !== null)
    reasons.push({ code: 'store_unreachable', message: `the store does not answer: ${m.storeError}` });
  if (m.pendingMigrations && m.pendingMigrations.length > 0)
    reasons.push({
      code: 'migrations_pending',
      message: `migrations not run: ${m.pendingMigrations.join(', ')} (they run when the server starts)`,
    });
  if (m.reportLag && m.reportLag.documents > 0 && m.reportLag.seconds * 1000 > config.maxReportLagMs)
    reasons.push({
      code: 'reports_behind',
      message: `report catch-up ${Math.round(m.reportLag.seconds)} s behind, ${m.reportLag.documents} documents to project`,
    });
  if (m.freeBytes !== undefined && m.freeBytes < config.minFreeBytes)
    reasons.push({
      code: 'disk_nearly_full',
      message: `${Math.floor(m.freeBytes / 1024 / 1024)} MiB free on the data directory's disk, below ${Math.floor(config.minFreeBytes / 1024 / 1024)} MiB`,
    });
  return reasons;
}

/** Measures what /ready judges: the store answers, its migrations, the report lag, DATA_DIR's free space. */
async function measureReadiness(store: Store, feed: ReportFeed, dataDir: string): Promise<ReadinessMeasures> {
  const freeBytes = await statfs(dataDir).then(
    (s) => Number(s.bavail) * Number(s.bsize),
    () => undefined, // a data directory we cannot stat says nothing about space
  );
  try {
    await sql`select 1`.execute(store.db);
  } catch (error) {
    return { storeError: (error as Error).message, freeBytes };
  }
  const migrations = await new Migrator({ db: store.db, provider: migrationProvider }).getMigrations();
  return {
    storeError: null,
    pendingMigrations: migrations.filter((m) => m.executedAt === undefined).map((m) => m.name),
    reportLag: await reportLag(store.db, feed),
    freeBytes,
  };
}

/** The /ready answer: `ready` with no reasons, or `unavailable` with each (the route answers it 503). */
export async function readiness(
  store: Store,
  feed: ReportFeed,
  dataDir: string,
  config: ReadinessConfig,
): Promise<Readiness> {
  const measures = await measureReadiness(store, feed, dataDir).catch(
    (error: unknown): ReadinessMeasures => ({ storeError: (error as Error).message }),
  );
  const reasons = judgeReadiness(measures, config);
  return { status: reasons.length === 0 ? 'ready' : 'unavailable', store: store.kind, reasons };
}
