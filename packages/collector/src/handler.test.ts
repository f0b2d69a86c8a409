import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { EventSink } from './store/types.js';
import { count, json, KEYED, pageView, post, SHOP, testHandler, uuid7 } from './handler.fixture.js';
import { createHandler } from './handler.js';
import { silentLogger } from './log.js';

describe('POST /v1/touchpoints', () => {
  it('stores a valid batch and answers 200 with the BatchResponse', async () => {
    const { handler, store } = testHandler();
    const res = await handler(post('/v1/touchpoints', { site: 'shop', sentAt: Date.now(), events: [pageView(), pageView()] }));
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await count(store)).toBe(2);
  });

  it('accepts text/plain bodies as sendBeacon sends them', async () => {
    const { handler, store } = testHandler();
    const res = await handler(post('/v1/touchpoints', JSON.stringify({ site: 'shop', events: [pageView()] }), { 'content-type': 'text/plain;charset=UTF-8' }));
    expect(res.status).toBe(200);
    expect(await count(store)).toBe(1);
  });

  it('accepts Content-Encoding: gzip', async () => {
    const { handler, store } = testHandler();
    const body = gzipSync(JSON.stringify({ site: 'shop', events: [pageView(), pageView(), pageView()] }));
    const res = await handler(post('/v1/touchpoints', new Uint8Array(body), { 'content-encoding': 'gzip' }));
    expect(res.status).toBe(200);
    expect((await json(res)).accepted).toBe(3);
    expect(await count(store)).toBe(3);
  });

  it('stores a re-sent batch once and reports the duplicates', async () => {
    const { handler, store } = testHandler();
    const batch = { site: 'shop', events: [pageView(), pageView()] };
    await handler(post('/v1/touchpoints', batch));
    const again = await handler(post('/v1/touchpoints', batch));
    expect(await json(again)).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await count(store)).toBe(2);
  });

  it('stores concurrent retries of the same batch exactly once', async () => {
    const { handler, store } = testHandler();
    const batch = { site: 'shop', events: Array.from({ length: 20 }, () => pageView()) };
    const answers = await Promise.all(Array.from({ length: 10 }, () => handler(post('/v1/touchpoints', batch)).then((r) => json(r))));
    expect(answers.reduce((n, a) => n + a.accepted, 0)).toBe(20);
    expect(answers.reduce((n, a) => n + a.duplicates, 0)).toBe(180);
    expect(await count(store)).toBe(20);
  });

  it('counts an id repeated inside one batch as a duplicate', async () => {
    const { handler, store } = testHandler();
    const e = pageView();
    const res = await handler(post('/v1/touchpoints', { site: 'shop', events: [e, e] }));
    expect(await json(res)).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    expect(await count(store)).toBe(1);
  });

  it('stores the valid events of a partly invalid batch and lists the others by index (200)', async () => {
    const { handler, store } = testHandler();
    const good = pageView();
    const big = pageView({ properties: { blob: 'x'.repeat(8000), b: 'x'.repeat(8000), c: 'x'.repeat(8000), d: 'x'.repeat(8000), e: 'x'.repeat(2000) } });
    const res = await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView({ name: 'Bad Name' }), good, big, { id: 'x' }] }));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([0, 2, 3]);
    expect(body.rejected[0].reason).toMatch(/^name: must match/);
    expect(body.rejected[1].reason).toMatch(/larger than 32768 bytes/);
    expect(await count(store, 'id = ?', [good.id])).toBe(1);
    expect(await count(store)).toBe(1);
  });

  it('answers 400 with the list when every event is refused', async () => {
    const { handler } = testHandler();
    const res = await handler(post('/v1/touchpoints', { site: 'shop', events: [{ id: 'a', name: 'page_view', ts: 'yesterday' }] }));
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ accepted: 0, duplicates: 0, rejected: [{ index: 0, id: 'a', reason: 'ts: must be a positive number of ms since epoch or an ISO 8601 date-time like 2026-01-02T03:04:05.000Z, got "yesterday"' }] });
  });

  it('answers 400 with the parser message for malformed JSON', async () => {
    const { handler } = testHandler();
    const res = await handler(post('/v1/touchpoints', '{"site": "shop", events: ['));
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatch(/^malformed JSON: .+/);
  });

  it('answers 413 for a body over 512 KB, counted while streaming even without Content-Length', async () => {
    const { handler } = testHandler();
    const huge = JSON.stringify({ site: 'shop', events: [], pad: 'x'.repeat(600 * 1024) });
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= huge.length) return c.close();
        c.enqueue(new TextEncoder().encode(huge.slice(sent, sent + 64 * 1024)));
        sent += 64 * 1024;
      },
    });
    const req = new Request('http://collector.test/v1/touchpoints', { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'application/json' } } as RequestInit);
    const res = await handler(req);
    expect(res.status).toBe(413);
    // Reading stopped at the limit: the stream was not drained.
    expect(sent).toBeLessThan(huge.length);
  });

  it('answers 413 for a gzip bomb (small compressed, huge decompressed)', async () => {
    const { handler } = testHandler();
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 32));
    expect(bomb.length).toBeLessThan(512 * 1024);
    const res = await handler(post('/v1/touchpoints', new Uint8Array(bomb), { 'content-encoding': 'gzip' }));
    expect(res.status).toBe(413);
    expect((await json(res)).error).toMatch(/decompressed body larger than/);
  });

  it('answers 400 for a corrupt gzip body and 415 for an unknown encoding', async () => {
    const { handler } = testHandler();
    expect((await handler(post('/v1/touchpoints', 'not gzip', { 'content-encoding': 'gzip' }))).status).toBe(400);
    expect((await handler(post('/v1/touchpoints', '{}', { 'content-encoding': 'zstd-x' }))).status).toBe(415);
  });

  it('answers 413 for more than 500 events', async () => {
    const { handler, store } = testHandler();
    const events = Array.from({ length: 501 }, () => ({ id: uuid7(), name: 'a', ts: Date.now() }));
    const res = await handler(post('/v1/touchpoints', { site: 'shop', events }));
    expect(res.status).toBe(413);
    expect(await count(store)).toBe(0);
  });

  it('answers 403 for an unknown site or a foreign origin', async () => {
    const { handler } = testHandler();
    expect((await handler(post('/v1/touchpoints', { site: 'nope', events: [pageView()] }))).status).toBe(403);
    const foreign = await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }, { origin: 'https://evil.test' }));
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('requires the write key of a keyed site, in the body or as basic-auth user', async () => {
    const { handler, store } = testHandler();
    const o = { origin: 'https://keyed.test' };
    const refused = await handler(post('/v1/touchpoints', { site: 'keyed', events: [pageView()] }, o));
    expect(refused.status).toBe(403);
    // readable by the allowed page: a client sees a 403 and drops, rather than a network error it retries
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://keyed.test');
    expect((await handler(post('/v1/touchpoints', { site: 'keyed', writeKey: 'wrong', events: [pageView()] }, o))).status).toBe(403);
    expect((await handler(post('/v1/touchpoints', { site: 'keyed', writeKey: KEYED.writeKey, events: [pageView()] }, o))).status).toBe(200);
    const auth = { ...o, authorization: `Basic ${Buffer.from(`${KEYED.writeKey}:`).toString('base64')}` };
    expect((await handler(post('/v1/touchpoints', { site: 'keyed', events: [pageView()] }, auth))).status).toBe(200);
    expect(await count(store, 'site = ?', ['keyed'])).toBe(2);
  });

  it('answers 405 with Allow for other methods', async () => {
    const { handler } = testHandler();
    const res = await handler(new Request('http://collector.test/v1/touchpoints', { method: 'GET' }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('answers 404 for unknown paths and tries extra routes first', async () => {
    const { handler } = testHandler({ routes: [async (req) => (new URL(req.url).pathname === '/admin' ? new Response('admin') : undefined)] });
    expect((await handler(new Request('http://collector.test/nope'))).status).toBe(404);
    expect(await (await handler(new Request('http://collector.test/admin'))).text()).toBe('admin');
  });

  it('answers its own address, without a dashboard, with what it is and where to go', async () => {
    const { handler } = testHandler();
    const res = await handler(new Request('http://collector.test/'));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/^no route for GET \/: this is a Touchpoint collector \(touchpoints go to POST \/v1\/touchpoints.*dashboard at \/dashboard is not enabled/);
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin with 204 and the allowed methods and headers', async () => {
    const { handler } = testHandler();
    const res = await handler(new Request('http://collector.test/v1/touchpoints', { method: 'OPTIONS', headers: { origin: 'https://shop.test', 'access-control-request-method': 'POST' } }));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.test');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('Content-Encoding');
    expect(res.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers');
  });

  it('allows the headers a tracking client asks for: RudderStack, analytics.js retries (on every ingestion path)', async () => {
    const { handler } = testHandler();
    const asked = 'AnonymousId, SentAt, Rsa-Retry-Attempt,rsa-retry-reason,Rsa-Since-First-Attempt, Rsa-Since-Last-Attempt, Rsa-Recovered, authorization, content-type, X-Retry-Count';
    for (const path of ['/v1/touchpoints', '/v1/batch', '/v1/t']) {
      const res = await handler(new Request(`http://collector.test${path}`, { method: 'OPTIONS', headers: { origin: 'https://shop.test', 'access-control-request-method': 'POST', 'access-control-request-headers': asked } }));
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-headers')).toBe('anonymousid, sentat, rsa-retry-attempt, rsa-retry-reason, rsa-since-first-attempt, rsa-since-last-attempt, rsa-recovered, authorization, content-type, x-retry-count');
    }
  });

  it('refuses a preflight whose header list is malformed or too long, saying why (400)', async () => {
    const { handler } = testHandler();
    const ask = (h: string) => handler(new Request('http://collector.test/v1/touchpoints', { method: 'OPTIONS', headers: { origin: 'https://shop.test', 'access-control-request-headers': h } }));
    const bad = await ask('content-type, x bad');
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toContain('"x bad" is not a header name');
    expect(bad.headers.get('access-control-allow-headers')).toBeNull();
    const many = await ask(Array.from({ length: 33 }, (_, i) => `x-h${i}`).join(','));
    expect(many.status).toBe(400);
    expect((await json(many)).error).toContain('more than 32 header names');
    expect((await ask(`x-${'a'.repeat(1030)}`)).status).toBe(400);
    expect((await ask(Array.from({ length: 32 }, (_, i) => `x-h${i}`).join(','))).status).toBe(204);
    expect((await ask('Content-Type, content-type')).headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('lets the page read Retry-After on every ingestion answer, the 503 of a store that is away included', async () => {
    const { handler: ok } = testHandler();
    const accepted = await ok(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }));
    expect(accepted.headers.get('access-control-expose-headers')).toBe('Retry-After');
    const away: EventSink = { write: () => Promise.reject(new Error('disk gone')), ready: async () => false, close: async () => {} };
    const { handler } = testHandler({ sink: away });
    const res = await handler(post('/v1/batch', { batch: [{ type: 'track', event: 'Signed Up', messageId: 'm-1' }] }, { authorization: `Basic ${btoa('wk_test_123:')}`, origin: 'https://keyed.test' }));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://keyed.test');
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });

  it('refuses a preflight from an origin no site allows (403, no CORS headers)', async () => {
    const { handler } = testHandler();
    const res = await handler(new Request('http://collector.test/v1/touchpoints', { method: 'OPTIONS', headers: { origin: 'https://evil.test' } }));
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('echoes the allowed origin on ingestion answers; wildcard subdomains match', async () => {
    const { handler } = testHandler({ sites: [{ id: 'shop', origins: ['https://*.shop.test'] }] });
    const ok = await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }, { origin: 'https://www.shop.test' }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.shop.test');
    const lookalike = await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }, { origin: 'https://shop.test.evil' }));
    expect(lookalike.status).toBe(403);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a client empties its bucket, per site and client', async () => {
    let t = 1_000_000;
    const { handler } = testHandler({ rateLimit: { perSecond: 1, burst: 2 }, now: () => t });
    const send = (ip: string) => handler(post('/v1/touchpoints', { site: 'shop', events: [pageView({ ts: t })] }), { clientIp: ip });
    expect((await send('203.0.113.1')).status).toBe(200);
    expect((await send('203.0.113.1')).status).toBe(200);
    const limited = await send('203.0.113.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    // Another client is unaffected; the first recovers after the refill.
    expect((await send('203.0.113.2')).status).toBe(200);
    t += 1000;
    expect((await send('203.0.113.1')).status).toBe(200);
  });
});

describe('store failures', () => {
  it('answers 503 with Retry-After and never a 2xx when the store write fails', async () => {
    const failing: EventSink = { write: () => Promise.reject(new Error('disk full')), ready: async () => false, close: async () => {} };
    const handler = createHandler({ sink: failing, sites: [SHOP], log: silentLogger, rateLimit: false });
    const res = await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await handler(new Request('http://collector.test/readyz'))).status).toBe(503);
    expect(await handler.metrics.render()).toMatch(/touchpoint_store_errors_total 1/);
  });
});

describe('operations endpoints', () => {
  it('serves /healthz, /readyz and Prometheus /metrics with the counters', async () => {
    const { handler } = testHandler();
    expect((await handler(new Request('http://collector.test/healthz'))).status).toBe(200);
    expect((await handler(new Request('http://collector.test/readyz'))).status).toBe(200);
    const e = pageView();
    await handler(post('/v1/touchpoints', { site: 'shop', events: [e, { id: 'bad' }] }));
    await handler(post('/v1/touchpoints', { site: 'shop', events: [e] }));
    await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }, { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' }));
    const text = await (await handler(new Request('http://collector.test/metrics'))).text();
    expect(text).toContain('touchpoint_events_accepted_total{site="shop"} 2');
    expect(text).toContain('touchpoint_events_rejected_total{reason="schema"} 1');
    expect(text).toContain('touchpoint_events_deduplicated_total 1');
    expect(text).toContain('touchpoint_events_bot_total 1');
    expect(text).toMatch(/touchpoint_http_request_duration_seconds_bucket\{le="\+Inf",route="\/v1\/touchpoints"\} 3/);
  });
});

describe('graceful drain', () => {
  it('finishes writes in flight, then refuses new events with 503', async () => {
    const { handler, store } = testHandler();
    const inflight = Array.from({ length: 5 }, () => handler(post('/v1/touchpoints', { site: 'shop', events: [pageView(), pageView()] })));
    const drained = handler.drain();
    const statuses = (await Promise.all(inflight)).map((r) => r.status);
    await drained;
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await count(store)).toBe(10);
    expect((await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }))).status).toBe(503);
  });
});
