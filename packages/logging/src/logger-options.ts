import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Pino options as Fastify's `logger` takes them: a level, and in development a pretty-printing transport. */
export interface LoggerOptions {
  level: string;
  transport?: { target: string; options: Record<string, unknown> };
}

/**
 * The logger of the sync server and of the kiosk's hub service: one JSON object a line in production
 * (`NODE_ENV=production`, for a log collector), readable lines in development (pino-pretty: time, level,
 * message, then the fields). `level` is pino's: trace, debug, info, warn, error, fatal or silent.
 * Where pino-pretty cannot be loaded (a bundle without it, an install without it) the lines stay JSON rather than
 * the process failing to start.
 */
export function loggerOptions(
  level: string,
  env: Record<string, string | undefined> = process.env,
  prettyAvailable: () => boolean = canLoadPinoPretty,
): LoggerOptions {
  if (env.NODE_ENV === 'production' || !prettyAvailable()) return { level };
  return {
    level,
    transport: {
      target: 'pino-pretty',
      // pid and hostname say nothing on one machine; the request id and the fields stay.
      options: {
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
        colorize: process.stdout.isTTY === true,
      },
    },
  };
}

function canLoadPinoPretty(): boolean {
  try {
    // import.meta.dirname, not .url: the kiosk's esbuild bundle defines the first (as __dirname) only.
    createRequire(join(import.meta.dirname, 'logger-options.js')).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
