import { CLOCK_SKEW_WARN_MS, DEVICE_STALE_AFTER_MS } from '@vigevano/protocol';
// a cycle, but only functions are used, at call time: loadConfig calls these parsers after both modules loaded
import { integerSetting as whole } from './config';

/** /metrics (Prometheus): on unless METRICS=off; who may scrape it. */
export interface MetricsConfig {
  enabled: boolean;
  /** the bearer token a scraper sends (METRICS_TOKEN); undefined: only loopback clients may scrape */
  token: string | undefined;
}

/** When an alert opens (alerts/evaluate.ts) and where it is sent; see sync-server/README.md, "Alerts". */
export interface AlertConfig {
  /** a kiosk not heard from for longer than this is silent (ALERT_SILENT_MINUTES; default the Devices page's 6 h) */
  silentAfterMs: number;
  /** a kiosk clock further off than this, either way (ALERT_CLOCK_SKEW_MINUTES; default 5) */
  clockSkewMs: number;
  /** documents a kiosk has not pushed yet beyond which it has a backlog (ALERT_PUSH_BACKLOG; default 500) */
  pushBacklog: number;
  /** the reports this far behind the oldest change they lack (ALERT_REPORT_LAG_SECONDS; default 300) */
  reportLagMs: number;
  /**
   * a kiosk whose data disk has less than this free, MiB, is nearly full (ALERT_DISK_FREE_MB; default 1024: a
   * year of check-ins takes a few MB, but info-screen media and the kiosk's updates take hundreds)
   */
  diskLowMiB: number;
  /** where opened and closed alerts are POSTed as JSON (ALERT_WEBHOOK_URL); undefined: nowhere */
  webhookUrl: string | undefined;
  /** how often the server evaluates the alerts for the webhook (ALERT_CHECK_SECONDS; default 60) */
  checkEveryMs: number;
}

/** When /ready answers 503; see sync-server/README.md, "Health and readiness". */
export interface ReadinessConfig {
  /** reports further behind than this make the server unready (READY_MAX_REPORT_LAG_SECONDS; default 900) */
  maxReportLagMs: number;
  /** free space of DATA_DIR's file system below this makes it unready (READY_MIN_FREE_MB; default 256) */
  minFreeBytes: number;
}

/**
 * Reads METRICS and METRICS_TOKEN. A token shorter than 16 characters is refused (guessable); in production an
 * enabled /metrics without a token is refused too: "loopback only" means nothing behind a proxy on the same host.
 */
export function parseMetricsConfig(env: NodeJS.ProcessEnv, production: boolean): MetricsConfig {
  const switchText = (env.METRICS ?? '').trim().toLowerCase();
  if (!['', 'on', 'off', '1', '0', 'true', 'false'].includes(switchText))
    throw new Error(`METRICS must be on or off, got ${env.METRICS}`);
  const enabled = !['off', '0', 'false'].includes(switchText);
  const token = env.METRICS_TOKEN?.trim() || undefined;
  if (token !== undefined && !/^[\x21-\x7e]{16,200}$/.test(token))
    throw new Error('METRICS_TOKEN must be 16 to 200 printable characters without spaces');
  if (production && enabled && token === undefined)
    throw new Error('in production /metrics needs METRICS_TOKEN (a long random string), or METRICS=off');
  return { enabled, token };
}

/** Reads the ALERT_* variables; throws naming the variable that is out of range or not a URL. */
export function parseAlertConfig(env: NodeJS.ProcessEnv): AlertConfig {
  const webhookUrl = env.ALERT_WEBHOOK_URL?.trim() || undefined;
  if (webhookUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(webhookUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      throw new Error('ALERT_WEBHOOK_URL must be an http:// or https:// address');
  }
  return {
    silentAfterMs: whole(env, 'ALERT_SILENT_MINUTES', DEVICE_STALE_AFTER_MS / 60_000, 1, 525_600) * 60_000,
    clockSkewMs: whole(env, 'ALERT_CLOCK_SKEW_MINUTES', CLOCK_SKEW_WARN_MS / 60_000, 1, 10_080) * 60_000,
    pushBacklog: whole(env, 'ALERT_PUSH_BACKLOG', 500, 1, 100_000_000),
    reportLagMs: whole(env, 'ALERT_REPORT_LAG_SECONDS', 300, 1, 604_800) * 1000,
    diskLowMiB: whole(env, 'ALERT_DISK_FREE_MB', 1024, 1, 100_000_000),
    webhookUrl,
    checkEveryMs: whole(env, 'ALERT_CHECK_SECONDS', 60, 1, 86_400) * 1000,
  };
}

/** Reads the READY_* variables; throws naming the variable that is out of range. */
export function parseReadinessConfig(env: NodeJS.ProcessEnv): ReadinessConfig {
  return {
    maxReportLagMs: whole(env, 'READY_MAX_REPORT_LAG_SECONDS', 900, 1, 604_800) * 1000,
    minFreeBytes: whole(env, 'READY_MIN_FREE_MB', 256, 0, 100_000_000) * 1024 * 1024,
  };
}
