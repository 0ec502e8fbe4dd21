import pretty from 'pino-pretty';

/** Pino options as Fastify's `logger` takes them: a level, and in development a pretty-printing destination. */
export interface LoggerOptions {
  level: string;
  /** where pino writes its lines (pino's DestinationStream) */
  stream?: { write(line: string): void };
}

/**
 * The logger of the sync server and of the kiosk's hub service: one JSON object a line in production
 * (`NODE_ENV=production`, for a log collector), readable lines in development (pino-pretty: time, level,
 * message, then the fields). `level` is pino's: trace, debug, info, warn, error, fatal or silent.
 * pino-pretty runs as a synchronous stream in the process, not as a pino transport: a transport is a worker
 * thread that loads pino-pretty by name, which the kiosk's esbuild bundle of the hub service cannot provide.
 */
export function loggerOptions(
  level: string,
  env: Record<string, string | undefined> = process.env,
): LoggerOptions {
  if (env.NODE_ENV === 'production') return { level };
  return {
    level,
    stream: pretty({
      sync: true,
      // pid and hostname say nothing on one machine; the request id and the fields stay.
      ignore: 'pid,hostname',
      translateTime: 'SYS:HH:MM:ss.l',
      colorize: process.stdout.isTTY === true,
    }),
  };
}
