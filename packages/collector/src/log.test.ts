import { Writable } from 'node:stream';
import bunyan from 'bunyan';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from './log.js';
import type { EventSink } from './store/types.js';
import { pageView, post, testHandler } from './handler.fixture.js';

const failing: EventSink = { write: () => Promise.reject(new Error('disk full')), ready: async () => false, close: async () => {} };

/** A writable that keeps each JSON line a logger writes. */
function lines() {
  const out: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) out.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { out, stream };
}

describe('createLogger', () => {
  it('writes one JSON line per entry, fields first as pino and bunyan take them, or a message alone', () => {
    const out: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => out.push(l) });
    log.info({ port: 8787 }, 'listening');
    log.warn('no fields');
    log.debug({ hidden: true }, 'below the level');
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { time: expect.any(String), level: 'info', msg: 'listening', port: 8787 },
      { time: expect.any(String), level: 'warn', msg: 'no fields' },
    ]);
  });

  it('keeps the message when a field cannot be serialised', () => {
    const out: string[] = [];
    createLogger({ write: (l) => out.push(l) }).error({ big: 1n }, 'odd field');
    expect(JSON.parse(out[0]!)).toMatchObject({ level: 'error', msg: 'odd field' });
  });
});

describe("an application's own logger, passed as it is", () => {
  it('pino gets the fields and the message of a failed store write', async () => {
    const { out, stream } = lines();
    const log: Logger = pino({ level: 'info' }, stream);
    const { handler } = testHandler({ sink: failing, log });
    expect((await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }))).status).toBe(503);
    expect(out).toContainEqual(expect.objectContaining({ msg: 'store write failed', site: 'shop', events: 1, error: 'disk full', level: 50 }));
    expect(out).toContainEqual(expect.objectContaining({ msg: 'request failed', path: '/v1/touchpoints', status: 503, method: 'POST' }));
  });

  it('bunyan gets the fields and the message too', async () => {
    const { out, stream } = lines();
    const log: Logger = bunyan.createLogger({ name: 'shop-backend', stream, level: 'info' });
    const { handler } = testHandler({ sink: failing, log });
    await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }));
    expect(out).toContainEqual(expect.objectContaining({ name: 'shop-backend', msg: 'store write failed', site: 'shop', error: 'disk full' }));
  });
});
