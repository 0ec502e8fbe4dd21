import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { healthRoutes } from '@vigevano/protocol';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { MetricsConfig } from '../config-observability';
import { ApiFailure } from '../http/api-failure';
import type { ServerMetrics } from './metrics';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** A client on this machine: request.ip is the real client, since only the configured proxies are believed. */
function isLoopback(ip: string): boolean {
  if (isIP(ip) === 0) return false;
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

/**
 * Who may scrape: with METRICS_TOKEN, whoever sends it as a bearer token (compared in constant time, as hashes so
 * lengths do not leak either); without one (development only, config refuses it in production), clients on this
 * machine. Throws ApiFailure 401/403 otherwise.
 */
function checkScraper(request: FastifyRequest, token: string | undefined): void {
  if (token === undefined) {
    if (!isLoopback(request.ip))
      throw new ApiFailure(
        'forbidden',
        'without METRICS_TOKEN /metrics answers clients on this machine only',
      );
    return;
  }
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  if (!match?.[1] || !timingSafeEqual(sha256(match[1]), sha256(token)))
    throw new ApiFailure('unauthorized', 'metrics bearer token required');
}

/**
 * Times every answer and counts the errors, into `metrics`. Server-Sent Events streams are left out of the
 * duration histogram: they last as long as the kiosk stays connected, which says nothing about speed.
 */
export function installHttpMetrics(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    const statusClass = `${Math.floor(status / 100)}xx`;
    if (status >= 400) metrics.httpErrors.inc({ status_class: statusClass });
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_class: statusClass },
      reply.elapsedTime / 1000,
    );
  });
}

/** GET /metrics in Prometheus text format, for scrapers allowed by checkScraper. */
export const metricsPlugin: FastifyPluginAsync<{ metrics: ServerMetrics; config: MetricsConfig }> = async (
  app,
  { metrics, config },
) => {
  if (!config.enabled) return;
  app.get(healthRoutes.metrics.path, { schema: healthRoutes.metrics.schema }, async (request, reply) => {
    checkScraper(request, config.token);
    const { contentType, body } = await metrics.scrape();
    return reply.type(contentType).header('cache-control', 'no-store').send(body);
  });
};
