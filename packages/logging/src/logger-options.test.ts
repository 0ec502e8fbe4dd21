import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logger-options';

describe('loggerOptions', () => {
  it('logs JSON in production', () => {
    expect(loggerOptions('warn', { NODE_ENV: 'production' })).toEqual({ level: 'warn' });
  });

  it('writes readable lines in development', () => {
    const options = loggerOptions('info', {});
    expect(options.level).toBe('info');
    expect(options.stream).toBeDefined();
  });

  it('is accepted by Fastify, whose production lines parse as JSON', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { ...loggerOptions('info', { NODE_ENV: 'production' }), stream } });
    app.log.info({ hub: 'h1' }, 'ready');
    await app.close();
    const ready = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'ready');
    expect(ready).toMatchObject({ level: 30, hub: 'h1' });
  });
});
