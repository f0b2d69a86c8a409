// Jitsu's ingest API (/api/s/{type}, /api/s/s2s/{type}) as @jitsu/js 1.11.0 uses it. The happy paths
// run the real library in Node with its `fetch` option pointed at the handler, so the bodies and
// headers are the library's own; the refusals use literal bodies.
import { jitsuAnalytics, type RuntimeFacade } from '@jitsu/js';
import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../sites.js';
import { json, KEYED, post, SHOP, testHandler } from '../handler.fixture.js';
import { jitsuRouteOf } from './paths.js';
import { jitsuIpPolicy } from './read-request.js';

const JITSU_SITE: SiteConfig = { id: 'jshop', origins: ['https://jshop.test'], writeKey: 'wk_jshop_secret' };
// A Jitsu-issued key kept as it is: the site's writeKey is the whole `id:secret`.
const KEPT_KEY_SITE: SiteConfig = { id: 'kept', origins: ['https://kept.test'], writeKey: '2fQxW7:Jd8sLq0' };
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

function handlerWithJitsuSites() {
  return testHandler({ sites: [SHOP, KEYED, JITSU_SITE, KEPT_KEY_SITE] });
}

type Handler = ReturnType<typeof testHandler>['handler'];

/** What the browser runtime of @jitsu/js reads from `window`, for a page at `url`. */
function pageRuntime(url: string, title: string): RuntimeFacade {
  return {
    userAgent: () => UA, language: () => 'en-GB', pageUrl: () => url, pageTitle: () => title, referrer: () => 'https://www.google.com/',
    documentEncoding: () => 'UTF-8', getCookie: () => undefined, getCookies: () => ({}), timezoneOffset: () => -60,
    screen: () => ({ width: 1440, height: 900, innerWidth: 1440, innerHeight: 780, density: 2 }),
  };
}

/**
 * The real @jitsu/js whose requests go to `handler`; `origin` is added as a browser would (Node's
 * fetch sends none); the library's error reports (its `errorPolicy`) are collected in `errors`.
 */
function jitsuClient(handler: Handler, opts: { writeKey: string; origin?: string; s2s?: boolean; runtime?: RuntimeFacade; clientIp?: string }) {
  const answers: Response[] = [];
  const errors: string[] = [];
  const client = jitsuAnalytics({
    host: 'http://collector.test',
    writeKey: opts.writeKey,
    s2s: opts.s2s,
    runtime: opts.runtime,
    // Its own: @jitsu/js 1.11.0 merges each call's `context` into this object, and the default one is
    // shared by every client in the process.
    defaultPayloadContext: {},
    errorPolicy: (message: string) => void errors.push(message),
    fetch: async (url: string | URL | Request, init?: RequestInit) => {
      const request = new Request(url, init);
      if (opts.origin) request.headers.set('origin', opts.origin);
      const res = await handler(request, { clientIp: opts.clientIp ?? '198.51.100.23' });
      answers.push(res.clone());
      return res;
    },
  });
  return { client, answers, errors };
}

const jitsuPost = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  post(path, body, { origin: 'https://jshop.test', 'x-write-key': 'jshop:wk_jshop_secret', ...headers });

describe('Jitsu ingest API', () => {
  it('reads /api/s/{type} and /api/s/s2s/{type}', () => {
    expect(jitsuRouteOf('/api/s/track')).toEqual({ type: 'track', s2s: false, known: true });
    expect(jitsuRouteOf('/api/s/s2s/identify')).toEqual({ type: 'identify', s2s: true, known: true });
    expect(jitsuRouteOf('/api/s/s2s/batch')).toEqual({ type: 'batch', s2s: true, known: false });
    expect(jitsuRouteOf('/api/s/')).toBeUndefined();
    expect(jitsuRouteOf('/api/s/track/extra')).toBeUndefined();
    expect(jitsuRouteOf('/v1/track')).toBeUndefined();
  });

  it('stores what @jitsu/js sends from a page: page, an e-commerce track and identify, mapped like Segment', async () => {
    const { handler, store } = handlerWithJitsuSites();
    const url = 'https://jshop.test/trail-gtx?utm_source=newsletter&utm_medium=email&utm_campaign=spring';
    const { client, answers, errors } = jitsuClient(handler, { writeKey: 'jshop:wk_jshop_secret', origin: 'https://jshop.test', runtime: pageRuntime(url, 'Trail Runner GTX') });
    await client.page();
    await client.track('Order Completed', { order_id: 'A-1001', revenue: 129, currency: 'EUR' });
    await client.identify('user-7', { plan: 'pro' });

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(errors).toEqual([]);
    // The answer Jitsu's own server gives (`ok`), the collector's counts, and no `destinations` for the page to run.
    const body = await json(answers[1]!);
    expect(body).toEqual({ ok: true, accepted: 1, duplicates: 0, rejected: [] });
    expect(answers[1]!.headers.get('access-control-allow-origin')).toBe('https://jshop.test');

    const rows = await store.query<Record<string, unknown>>(
      'SELECT site, name, anonymous_id, user_id, path, title, utm_source, utm_campaign, channel, browser, ip, json_extract(data, ?) AS sdk, json_extract(data, ?) AS revenue, json_extract(data, ?) AS plan FROM events ORDER BY ts, name',
      ['$.sdk.name', '$.properties.revenue', '$.traits.plan'],
    );
    expect(rows.map((r) => r.name)).toEqual(['page_view', 'purchase', 'identify']);
    for (const r of rows) expect(r).toMatchObject({ site: 'jshop', path: '/trail-gtx', title: 'Trail Runner GTX', utm_source: 'newsletter', utm_campaign: 'spring', channel: 'email', browser: 'Safari', ip: '198.51.100.0', sdk: '@jitsu/js' });
    expect(rows[1]).toMatchObject({ revenue: 129, user_id: null });
    expect(rows[2]).toMatchObject({ user_id: 'user-7', plan: 'pro' });
    expect(new Set(rows.map((r) => r.anonymous_id)).size).toBe(1);
    expect(rows[0]!.anonymous_id).toEqual(expect.any(String));
  });

  it('takes server-to-server events on /api/s/s2s/{type} without an Origin, the end user IP and UA from context', async () => {
    const { handler, store } = handlerWithJitsuSites();
    const backend = { writeKey: 'jshop:wk_jshop_secret', s2s: true, clientIp: '10.0.0.5' };
    const withContext = jitsuClient(handler, backend);
    await withContext.client.track('Order Completed', { order_id: 'B-7', revenue: 42 }, { userId: 'user-9', context: { ip: '203.0.113.77', userAgent: UA } });
    // A fresh client: @jitsu/js merges a call's context into its defaults, so later calls would carry it.
    const withoutContext = jitsuClient(handler, backend);
    await withoutContext.client.identify('user-9', { email: 'ada@example.test' });

    expect([...withContext.answers, ...withoutContext.answers].map((a) => a.status)).toEqual([200, 200]);
    expect([...withContext.errors, ...withoutContext.errors]).toEqual([]);
    const rows = await store.query<Record<string, unknown>>('SELECT name, user_id, ip, browser, json_extract(data, ?) AS revenue FROM events ORDER BY ts, name', ['$.properties.revenue']);
    expect(rows).toEqual([
      { name: 'purchase', user_id: 'user-9', ip: '203.0.113.0', browser: 'Safari', revenue: 42 },
      // no context given: the sending server's address, as for any request
      { name: 'identify', user_id: 'user-9', ip: '10.0.0.0', browser: null, revenue: null },
    ]);
  });

  it('ignores a context.ip a browser sends: the peer address counts outside /s2s/', async () => {
    const { handler, store } = handlerWithJitsuSites();
    const body = { type: 'track', event: 'Signed Up', messageId: 'spoof-1', anonymousId: 'a1', timestamp: new Date().toISOString(), context: { ip: '203.0.113.77' } };
    expect((await handler(jitsuPost('/api/s/track', body), { clientIp: '198.51.100.23' })).status).toBe(200);
    expect(await store.query('SELECT ip FROM events')).toEqual([{ ip: '198.51.100.0' }]);
  });

  it('honours X-IP-Policy: remove (privacy.ipPolicy) and never loosens the collector policy', async () => {
    const { handler, store } = handlerWithJitsuSites();
    const body = { type: 'page', messageId: 'ip-1', anonymousId: 'a1', timestamp: new Date().toISOString(), context: { page: { url: 'https://jshop.test/' } } };
    expect((await handler(jitsuPost('/api/s/page', body, { 'x-ip-policy': 'remove' }), { clientIp: '198.51.100.23' })).status).toBe(200);
    expect(await store.query('SELECT ip FROM events')).toEqual([{ ip: null }]);
    expect(jitsuIpPolicy('keep', { mode: 'drop' })).toEqual({ mode: 'drop' });
    expect(jitsuIpPolicy('stripLastOctet', { mode: 'truncate', v4Bits: 16 })).toEqual({ mode: 'truncate', v4Bits: 16 });
  });

  it('stores a re-sent event once (same messageId)', async () => {
    const { handler } = handlerWithJitsuSites();
    const body = { type: 'track', event: 'Product Viewed', messageId: '3kd9x0p1zq', anonymousId: 'a1', timestamp: new Date().toISOString() };
    expect(await json(await handler(jitsuPost('/api/s/track', body)))).toMatchObject({ ok: true, accepted: 1 });
    expect(await json(await handler(jitsuPost('/api/s/track', body)))).toMatchObject({ ok: true, accepted: 0, duplicates: 1 });
  });

  describe('write key', () => {
    const body = { type: 'track', event: 'Signed Up', messageId: 'k-1', anonymousId: 'a1', timestamp: new Date().toISOString() };

    it('matches a site by its whole write key (a Jitsu key kept as it is) or by "{site id}:{write key}"', async () => {
      const { handler, store } = handlerWithJitsuSites();
      const kept = await handler(jitsuPost('/api/s/track', body, { origin: 'https://kept.test', 'x-write-key': '2fQxW7:Jd8sLq0' }));
      expect(kept.status).toBe(200);
      const byId = await handler(jitsuPost('/api/s/track', { ...body, messageId: 'k-2' }));
      expect(byId.status).toBe(200);
      expect(await store.query('SELECT site FROM events ORDER BY site')).toEqual([{ site: 'jshop' }, { site: 'kept' }]);
    });

    it('refuses a missing, wrong or unknown key with 403, as @jitsu/js sees it', async () => {
      const { handler, store } = handlerWithJitsuSites();
      const noKey = jitsuPost('/api/s/track', body);
      noKey.headers.delete('x-write-key');
      const cases: Array<[Request, RegExp]> = [
        [noKey, /missing write key \(X-Write-Key header\)/],
        [jitsuPost('/api/s/track', body, { 'x-write-key': 'jshop:wrong' }), /wrong write key for site "jshop"/],
        [jitsuPost('/api/s/s2s/track', body, { 'x-write-key': 'nosuchsite:wk_jshop_secret' }), /unknown site/],
        // the masked key from the body is no key
        [jitsuPost('/api/s/track', { ...body, writeKey: 'jshop:***' }, { 'x-write-key': 'jshop:***' }), /wrong write key/],
      ];
      for (const [req, error] of cases) {
        const res = await handler(req);
        expect(res.status).toBe(403);
        expect((await json(res)).error).toMatch(error);
      }
      const { client, errors } = jitsuClient(handler, { writeKey: 'jshop:wrong', origin: 'https://jshop.test' });
      await client.track('Signed Up');
      expect(errors).toEqual([expect.stringMatching(/api\/s\/track failed with error: 403 .*wrong write key/)]);
      expect(await store.query('SELECT id FROM events')).toEqual([]);
    });
  });

  describe('CORS', () => {
    it('answers the preflight of @jitsu/js (application/json + X-Write-Key) from an allowed origin only', async () => {
      const { handler } = handlerWithJitsuSites();
      const preflight = (origin: string) =>
        handler(new Request('http://collector.test/api/s/track', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-write-key' } }));
      const ok = await preflight('https://jshop.test');
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://jshop.test');
      expect(ok.headers.get('access-control-allow-headers')).toBe('content-type, x-write-key');
      expect((await preflight('https://evil.test')).status).toBe(403);
    });

    it('refuses a POST from an origin the site does not allow, s2s or not', async () => {
      const { handler } = handlerWithJitsuSites();
      const body = { type: 'track', event: 'Signed Up', messageId: 'o-1', timestamp: new Date().toISOString() };
      for (const path of ['/api/s/track', '/api/s/s2s/track']) {
        const res = await handler(jitsuPost(path, body, { origin: 'https://shop.test' }));
        expect(res.status).toBe(403);
        expect((await json(res)).error).toMatch(/origin https:\/\/shop.test is not allowed for site "jshop"/);
      }
    });
  });

  describe('bad input', () => {
    const track = { type: 'track', event: 'Signed Up', messageId: 'b-1', anonymousId: 'a1', timestamp: new Date().toISOString() };

    it('refuses an unknown type on the path with 400 naming the known ones', async () => {
      const { handler } = handlerWithJitsuSites();
      for (const path of ['/api/s/event', '/api/s/s2s/batch']) {
        const res = await handler(jitsuPost(path, track));
        expect(res.status).toBe(400);
        expect((await json(res)).error).toMatch(/unknown Jitsu event type "(event|batch)".*one of page, track, identify, group, alias, screen/);
      }
    });

    it('refuses malformed JSON, a non-object body, a body type that contradicts the path, an invalid event', async () => {
      const { handler, store } = handlerWithJitsuSites();
      const cases: Array<[Request, RegExp]> = [
        [jitsuPost('/api/s/track', '{"type":"track",'), /JSON/i],
        [jitsuPost('/api/s/track', [track]), /body must be a JSON object: one Jitsu event/],
        [jitsuPost('/api/s/page', track), /type: "track" in the body does not match \/api\/s\/page/],
        [jitsuPost('/api/s/track', { ...track, event: undefined }), /name/],
        [jitsuPost('/api/s/track', { ...track, timestamp: '2001-01-01T00:00:00Z' }), /older than/],
      ];
      for (const [req, error] of cases) {
        const res = await handler(req);
        expect(res.status).toBe(400);
        const answer = await json(res);
        expect(answer.error ?? answer.rejected?.[0]?.reason).toMatch(error);
      }
      expect(await store.query('SELECT id FROM events')).toEqual([]);
    });

    it('answers 405 to other methods', async () => {
      const { handler } = handlerWithJitsuSites();
      const res = await handler(new Request('http://collector.test/api/s/track', { method: 'GET' }));
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    });
  });
});
